# Run with R_LIBS pointing at the installed package and RETICULATE_PYTHON at a
# Python that has skneural (numpy < 2, pandas < 3): see tools/r_env.sh.
library(testthat)
library(skneural)
test_check("skneural")
