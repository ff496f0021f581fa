"""RSNNS's competitive-learning functions, for :mod:`skneural.rsnns` to re-export.

``som``, ``dlvq``, ``art1``, ``art2`` and ``artmap`` keep RSNNS's names and
arguments; each builds the matching estimator (:class:`~skneural.SelfOrganizingMap`,
:class:`~skneural.DLVQClassifier`, :class:`~skneural.ART1`, :class:`~skneural.ART2`,
:class:`~skneural.ARTMAPClassifier`), fits it and adds RSNNS's fields.
"""

from ._art import art1, art2, artmap
from ._lvq import dlvq
from ._som import som

__all__ = ["som", "dlvq", "art1", "art2", "artmap"]
