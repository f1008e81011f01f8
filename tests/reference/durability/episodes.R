# Reference fits of the shipped durability models, computed with R's survival package on
# the episode table that `pacta durability episodes` builds from ../shared/data/conflict.
# Run from the repository root (R is a development tool only; the tests read the output):
#   build/cli/pacta durability episodes \
#       --ucdp ../shared/data/conflict/ucdp_prio_acd_v25.1_peacesciencer.csv \
#       --pax ../shared/data/conflict/pax_all_agreements_data.csv -o /tmp/episodes.csv
#   Rscript tests/reference/durability/episodes.R /tmp/episodes.csv \
#       > tests/reference/durability/episodes.out
# Output lines are "key value". The Weibull model is converted from survreg's
# accelerated-failure-time form as in fixture.R: rho = 1/sigma, beta_0 = -mu/sigma,
# beta = -alpha/sigma, standard errors by the delta method.
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
path <- if (length(args) > 0) args[1] else "episodes.csv"
out <- function(key, value) cat(sprintf("%s %.17g\n", key, value), sep = "")
cat(sprintf("# %s, survival %s\n", R.version.string, packageVersion("survival")))
for (line in grep("^#", readLines(path), value = TRUE)) cat(line, "\n", sep = "")

d <- read.csv(path, comment.char = "#")
covs <- c("interstate", "major_war", "log_war_years", "agreement", "ceasefire", "monitoring",
          "third_party_guarantee", "demilitarised_zone", "withdrawal", "territorial",
          "power_sharing")
f <- as.formula(paste("Surv(years, recurred) ~", paste(covs, collapse = " + ")))
out("n", nrow(d))
out("events", sum(d$recurred))

m <- coxph(f, data = d, ties = "efron",
           control = coxph.control(eps = 1e-13, iter.max = 100, toler.chol = 1e-14))
b <- coef(m); v <- vcov(m)
for (j in seq_along(b)) {
    out(paste0("cox.coef.", names(b)[j]), b[j])
    out(paste0("cox.se.", names(b)[j]), sqrt(v[j, j]))
}
out("cox.loglik", m$loglik[2])
out("cox.loglik.null", m$loglik[1])
# Proportional hazards: Grambsch-Therneau test (global and per covariate), for the docs.
z <- cox.zph(m)
out("check.zph.global.p", z$table["GLOBAL", "p"])
for (cv in covs) out(paste0("check.zph.p.", cv), z$table[cv, "p"])

w <- survreg(f, data = d, dist = "weibull",
             control = survreg.control(rel.tolerance = 1e-13, iter.max = 100))
a <- coef(w); v <- vcov(w); k <- length(a) + 1
s <- w$scale; rho <- 1 / s
J <- matrix(0, k, k)
for (j in seq_along(a)) { J[j, j] <- -1 / s; J[j, k] <- a[j] / s }
J[k, k] <- -rho
V <- J %*% v %*% t(J)
theta <- -a / s
out("weibull.ph.intercept", theta[1])
out("weibull.ph.intercept.se", sqrt(V[1, 1]))
for (j in 2:length(a)) {
    out(paste0("weibull.ph.coef.", names(a)[j]), theta[j])
    out(paste0("weibull.ph.se.", names(a)[j]), sqrt(V[j, j]))
}
out("weibull.ph.shape", rho)
out("weibull.ph.shape.se", sqrt(V[k, k]))
out("weibull.loglik", w$loglik[2])
out("weibull.loglik.null", w$loglik[1])
for (j in seq_along(a)) {
    out(paste0("weibull.aft.coef.", names(a)[j]), a[j])
    out(paste0("weibull.aft.se.", names(a)[j]), sqrt(v[j, j]))
}
out("weibull.aft.logscale", log(s))
out("weibull.aft.logscale.se", sqrt(v[k, k]))

# Does the Weibull baseline fit? Kaplan-Meier against the intercept-and-shape-only Weibull.
km <- survfit(Surv(years, recurred) ~ 1, data = d)
w0 <- survreg(Surv(years, recurred) ~ 1, data = d, dist = "weibull")
for (t in c(1, 2, 5, 10, 20)) {
    out(paste0("check.km.", t), summary(km, times = t)$surv)
    out(paste0("check.weibull.", t), exp(-(t / exp(coef(w0)[1]))^(1 / w0$scale)))
}
out("check.first.event", min(d$years[d$recurred == 1]))
