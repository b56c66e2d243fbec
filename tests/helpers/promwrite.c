/* SPDX-License-Identifier: GPL-2.0-or-later
 * promwrite - runs the --prometheus loop (prometheus_run()) without the
 * command line around it, so the metrics writer is tested on its own.
 *
 * usage: promwrite FILE TOP ITERATIONS DELAY_MS
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "prometheus.h"

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: promwrite FILE TOP ITERATIONS DELAY_MS\n");
        return 2;
    }
    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C");
    return prometheus_run(argv[1], atoi(argv[2]), (unsigned)strtoul(argv[4], NULL, 10),
                          strtol(argv[3], NULL, 10));
}
