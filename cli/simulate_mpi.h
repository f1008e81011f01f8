/* Splitting `pacta simulate` across MPI processes (docs/cluster.md). Without MPI support
 * compiled in, these report a single process and refuse to run under mpirun. */
#ifndef PACTA_SIMULATE_MPI_H
#define PACTA_SIMULATE_MPI_H

#include <pacta/pacta.h>

/* Join the MPI job when launched by mpirun or a similar launcher; rank 0 of 1 otherwise.
 * Returns an exit code (EXIT_OK on success). */
int simulate_mpi_begin(int *rank, int *size);

/* Merge every process's accumulators into rank 0's simulation. */
pacta_status simulate_mpi_combine(pacta_simulation_t *simulation);

/* Leave the MPI job, if joined. */
void simulate_mpi_end(void);

#endif
