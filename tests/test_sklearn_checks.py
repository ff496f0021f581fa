"""scikit-learn's estimator checks over every skneural estimator."""

from sklearn.utils.estimator_checks import parametrize_with_checks

from skneural import MLPClassifier, MLPRegressor

ESTIMATORS = [MLPClassifier(), MLPRegressor()]


@parametrize_with_checks(ESTIMATORS)
def test_sklearn_compatible_estimator(estimator, check):
    check(estimator)
