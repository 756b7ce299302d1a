/* runrss.c: runs a program and writes what wait4() says of it, for the
 * benchmark (tests/perf/bench.py).
 *
 *   runrss FILE PROGRAM [ARGS...]
 *
 * FILE gets one line: "T0 MAXRSS STATUS CPU", T0 the CLOCK_MONOTONIC time
 * just before the fork (seconds), MAXRSS the child's peak RSS in KiB, STATUS
 * the wait status, CPU the child's user and system time (seconds: on a
 * machine others load, the figure that the load inflates least).  Python cannot measure a child's peak RSS itself: a child it
 * spawns starts with (and so reports at least) the interpreter's own. */
#include "config.h"

#include <stdio.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
   struct timespec ts;
   struct rusage ru;
   int status = 0;
   pid_t pid;
   FILE *f;

   if (argc < 3) {
      fprintf(stderr, "usage: runrss FILE PROGRAM [ARGS...]\n");
      return 2;
   }
   clock_gettime(CLOCK_MONOTONIC, &ts);
   pid = fork();
   if (pid < 0) {
      perror("runrss: fork");
      return 2;
   }
   if (pid == 0) {
      execvp(argv[2], argv + 2);
      perror(argv[2]);
      _exit(127);
   }
   if (wait4(pid, &status, 0, &ru) < 0) {
      perror("runrss: wait4");
      return 2;
   }
   f = fopen(argv[1], "w");
   if (!f) {
      perror(argv[1]);
      return 2;
   }
   fprintf(f, "%ld.%09ld %ld %d %.6f\n", (long)ts.tv_sec, ts.tv_nsec, ru.ru_maxrss, status,
           (double)ru.ru_utime.tv_sec + (double)ru.ru_stime.tv_sec +
              ((double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_usec) / 1e6);
   if (fclose(f) != 0) {
      perror(argv[1]);
      return 2;
   }
   return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
