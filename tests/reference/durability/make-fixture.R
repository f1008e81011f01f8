# Writes tests/data/durability/fixture.csv: 80 synthetic observations from a Weibull
# proportional-hazards model with three covariates, right censoring, and durations rounded
# to 0.1 so that event times tie. Run from the repository root:
#   Rscript tests/reference/durability/make-fixture.R
set.seed(20250101)
n <- 80
x1 <- rbinom(n, 1, 0.4)
x2 <- round(rnorm(n), 2)
x3 <- rbinom(n, 1, 0.3)
rho <- 0.8; beta0 <- -1.5; beta <- c(-0.7, 0.4, 0.5)
eta <- beta0 + beta[1] * x1 + beta[2] * x2 + beta[3] * x3
# Inversion: S(t) = exp(-t^rho exp(eta)) = U.
u <- runif(n)
t <- (-log(u) / exp(eta))^(1 / rho)
c <- runif(n, 0, 12)
time <- round(pmax(pmin(t, c), 0.05), 1)
time[time == 0] <- 0.1
event <- as.integer(t <= c)
write.csv(data.frame(time, event, x1, x2, x3), "tests/data/durability/fixture.csv",
          row.names = FALSE, quote = FALSE)
