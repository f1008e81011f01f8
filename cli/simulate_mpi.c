#include "simulate_mpi.h"

#include <stdlib.h>

#include "cli.h"

#ifdef PACTA_MPI
#include <mpi.h>
#endif

/* Whether a launcher started us as one of several processes. MPI is joined only then, so a
 * plain `pacta simulate` never pays for MPI start-up. */
static bool launched_by_mpi(void)
{
    return getenv("OMPI_COMM_WORLD_SIZE") != NULL || getenv("PMI_SIZE") != NULL ||
           getenv("PMIX_RANK") != NULL;
}

#ifdef PACTA_MPI

static bool joined;

int simulate_mpi_begin(int *rank, int *size)
{
    *rank = 0;
    *size = 1;
    if (!launched_by_mpi())
        return EXIT_OK;
    if (MPI_Init(NULL, NULL) != MPI_SUCCESS) {
        cli_error("cannot join the MPI job");
        return EXIT_FAILURE_;
    }
    joined = true;
    MPI_Comm_rank(MPI_COMM_WORLD, rank);
    MPI_Comm_size(MPI_COMM_WORLD, size);
    return EXIT_OK;
}

pacta_status simulate_mpi_combine(pacta_simulation_t *sim)
{
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    void *data = NULL;
    size_t bytes = 0;
    pacta_status st = PACTA_OK;
    if (rank != 0) {
        st = pacta_simulation_serialize(sim, &data, &bytes);
        unsigned long long n = st == PACTA_OK ? bytes : 0;
        MPI_Send(&n, 1, MPI_UNSIGNED_LONG_LONG, 0, 1, MPI_COMM_WORLD);
        if (n > 0)
            MPI_Send(data, (int)n, MPI_BYTE, 0, 2, MPI_COMM_WORLD);
        free(data);
        return st;
    }
    /* Rank 0 merges the others in rank order; the merge is exact, so order is immaterial. */
    for (int from = 1; from < size; from++) {
        unsigned long long n = 0;
        MPI_Recv(&n, 1, MPI_UNSIGNED_LONG_LONG, from, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (n == 0) {
            st = PACTA_ENOMEM;
            continue;
        }
        data = malloc(n);
        if (data == NULL)
            return PACTA_ENOMEM;
        MPI_Recv(data, (int)n, MPI_BYTE, from, 2, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        pacta_status m = pacta_simulation_merge(sim, data, n);
        free(data);
        if (st == PACTA_OK)
            st = m;
    }
    return st;
}

void simulate_mpi_end(void)
{
    if (joined)
        MPI_Finalize();
    joined = false;
}

#else

int simulate_mpi_begin(int *rank, int *size)
{
    *rank = 0;
    *size = 1;
    if (launched_by_mpi()) {
        cli_error("this pacta was built without MPI (cmake -DPACTA_MPI=ON); under mpirun "
                  "every process would repeat the whole simulation");
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

pacta_status simulate_mpi_combine(pacta_simulation_t *sim)
{
    (void)sim;
    return PACTA_OK;
}

void simulate_mpi_end(void)
{
}

#endif
