/* Running pacta as a child process in the process tests (kill_resume, resume_stress). */
#ifndef PACTA_TESTS_CLI_CHILD_H
#define PACTA_TESTS_CLI_CHILD_H
#include <stddef.h>
#include <sys/types.h>

void child_pause_ms(long ms);
/* Start pacta with args (NULL-terminated), stdout to out_path, stderr to err_path. */
pid_t child_start(char *const *args, const char *out_path, const char *err_path);
/* Wait for the child: its exit status, or 128 + the signal that ended it. */
int child_wait(pid_t pid);
/* The whole file, NUL-terminated (malloc'd; NULL if it cannot be read); *n its length. */
char *child_slurp(const char *path, size_t *n);
#endif
