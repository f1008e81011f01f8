# Reference values for tests/unit/test_survival.c, computed with R's survival package from
# tests/data/durability/fixture.csv (made by make-fixture.R). Run from the repository root:
#   Rscript tests/reference/durability/fixture.R > tests/reference/durability/fixture.out
# Every line of the output is "key value"; the test reads fixture.out, so R is not needed
# to run the tests.
#
# R's survreg fits the Weibull model in accelerated-failure-time form,
#   log T = mu + x'alpha + sigma W  (W: standard minimum extreme value),
# so the proportional-hazards parameters that pacta reports are
#   rho = 1/sigma, beta_0 = -mu/sigma, beta = -alpha/sigma,
# with standard errors by the delta method from vcov() (which is exact at the estimate).
suppressPackageStartupMessages(library(survival))
out <- function(key, value) cat(sprintf("%s %.17g\n", key, value), sep = "")
cat(sprintf("# %s, survival %s\n", R.version.string, packageVersion("survival")))

d <- read.csv("tests/data/durability/fixture.csv")
covs <- c("x1", "x2", "x3")
f <- Surv(time, event) ~ x1 + x2 + x3
wctl <- survreg.control(rel.tolerance = 1e-13, iter.max = 100)
cctl <- coxph.control(eps = 1e-13, iter.max = 100, toler.chol = 1e-14)

weibull <- function(prefix, data) {
    w <- survreg(f, data = data, dist = "weibull", control = wctl)
    a <- coef(w); v <- vcov(w); k <- length(a) + 1
    for (j in seq_along(a)) {
        out(paste0(prefix, ".aft.coef.", names(a)[j]), a[j])
        out(paste0(prefix, ".aft.se.", names(a)[j]), sqrt(v[j, j]))
    }
    out(paste0(prefix, ".aft.logscale"), log(w$scale))
    out(paste0(prefix, ".aft.logscale.se"), sqrt(v[k, k]))
    out(paste0(prefix, ".loglik"), w$loglik[2])
    out(paste0(prefix, ".loglik.null"), w$loglik[1])
    # Proportional-hazards form: theta = (beta_0, beta, rho) from phi = (mu, alpha, log sigma).
    s <- w$scale; rho <- 1 / s
    theta <- c(-a / s, rho)
    J <- matrix(0, k, k)
    for (j in seq_along(a)) { J[j, j] <- -1 / s; J[j, k] <- a[j] / s }  # d(-a/s)/d log s = a/s
    J[k, k] <- -rho
    V <- J %*% v %*% t(J)
    out(paste0(prefix, ".ph.intercept"), theta[1])
    out(paste0(prefix, ".ph.intercept.se"), sqrt(V[1, 1]))
    for (j in 2:length(a)) {
        out(paste0(prefix, ".ph.coef.", names(a)[j]), theta[j])
        out(paste0(prefix, ".ph.se.", names(a)[j]), sqrt(V[j, j]))
    }
    out(paste0(prefix, ".ph.shape"), rho)
    out(paste0(prefix, ".ph.shape.se"), sqrt(V[k, k]))
}

cox <- function(prefix, data, ties) {
    m <- coxph(f, data = data, ties = ties, control = cctl, model = TRUE)
    b <- coef(m); v <- vcov(m)
    for (j in seq_along(b)) {
        out(paste0(prefix, ".coef.", names(b)[j]), b[j])
        out(paste0(prefix, ".se.", names(b)[j]), sqrt(v[j, j]))
    }
    out(paste0(prefix, ".loglik"), m$loglik[2])
    out(paste0(prefix, ".loglik.null"), m$loglik[1])
    # Breslow baseline (ctype = 1) for the covariate point (1, 0.5, 0).
    sf <- survfit(m, newdata = data.frame(x1 = 1, x2 = 0.5, x3 = 0), ctype = 1)
    s <- summary(sf, times = c(2, 5))
    out(paste0(prefix, ".surv.2"), s$surv[1])
    out(paste0(prefix, ".surv.5"), s$surv[2])
    out(paste0(prefix, ".surv.se.2"), s$std.err[1])
    out(paste0(prefix, ".surv.se.5"), s$std.err[2])
    out(paste0(prefix, ".median"), quantile(sf, 0.5)$quantile)
}

weibull("weibull", d)
cox("efron", d, "efron")
cox("breslow", d, "breslow")
# No censoring: every observation an event.
d1 <- d; d1$event <- 1L
weibull("uncensored.weibull", d1)
cox("uncensored.efron", d1, "efron")
# Zero durations (Cox only; survreg rejects them as pacta does): the first three set to 0.
d0 <- d; d0$time[1:3] <- 0
cox("zero.efron", d0, "efron")
