/* Fuzz target episodes_build: the UCDP/PRIO, PA-X and COW readers and the episode rule
 * (pacta_episodes_build, as `pacta durability episodes` calls it). The input is the UCDP
 * file, FUZZ_SEPARATOR, the PA-X file and optionally FUZZ_SEPARATOR and the COW file. The
 * episode table built is written out and must read back (pacta_episodes_load). */
#include <stdlib.h>
#include <string.h>

#include <pacta/pacta.h>

#include "fuzz.h"
#include "scenario_common.h"

static int write_episodes(void *context, FILE *f)
{
    return pacta_episodes_write_csv(context, f) == PACTA_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *parts[3];
    size_t lengths[3];
    size_t n = fuzz_split(data, size, parts, lengths, 3);
    if (n < 2)
        return 0; /* not two files: nothing reaches the readers but "file missing" */
    char ucdp[512], pax[512], cow[512];
    fuzz_write_file("ucdp.csv", parts[0], lengths[0], ucdp, sizeof ucdp);
    fuzz_write_file("pax.csv", parts[1], lengths[1], pax, sizeof pax);
    if (n > 2)
        fuzz_write_file("cow.csv", parts[2], lengths[2], cow, sizeof cow);
    pacta_episode_options_t o;
    pacta_episode_options_default(&o);
    o.ucdp = ucdp;
    o.pax = pax;
    o.cow = n > 2 ? cow : NULL;
    pacta_diag_t *diag = NULL;
    if (pacta_diag_create(&diag) != PACTA_OK)
        abort();
    pacta_episodes_t *e = NULL;
    pacta_status st = pacta_episodes_build(&e, &o, diag);
    fuzz_check_diagnostics(diag, st);
    FUZZ_CHECK(st == PACTA_OK || st == PACTA_EINPUT || st == PACTA_ELIMIT, "unexpected status %s",
               pacta_strerror(st));
    if (st == PACTA_OK) {
        size_t length = 0;
        char *text = fuzz_capture(write_episodes, e, &length);
        FUZZ_CHECK(text != NULL, "the episode writer failed");
        char path[512];
        fuzz_write_file("built.csv", text, length, path, sizeof path);
        pacta_episodes_t *again = NULL;
        pacta_diag_clear(diag);
        st = pacta_episodes_load(&again, path, diag);
        if (st != PACTA_OK)
            fprintf(stderr, "fuzz: the built table was:\n%.*s\n", (int)length, text);
        FUZZ_CHECK(st == PACTA_OK, "a built episode table does not read back: %s",
                   pacta_strerror(st));
        FUZZ_CHECK(pacta_episodes_count(again) == pacta_episodes_count(e),
                   "%zu episodes built, %zu read back", pacta_episodes_count(e),
                   pacta_episodes_count(again));
        pacta_episodes_destroy(again);
        free(text);
    }
    pacta_episodes_destroy(e);
    pacta_diag_destroy(diag);
    return 0;
}
