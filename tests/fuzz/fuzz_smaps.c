/* SPDX-License-Identifier: GPL-2.0-or-later
 * fuzz_smaps.c - smaps_parse() on arbitrary text. The sums must stay
 * consistent: what fork() charges is part of the commit charge, and the
 * largest single mapping is part of what fork() charges.
 */
#include "config.h"

#include <stdlib.h>

#include "fuzz.h"
#include "smaps.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_strdup(data, size);
    SmapsSums s;

    smaps_parse(text, &s);
    fuzz_check(s.readable, "smaps_parse: parsed text marked unreadable");
    fuzz_check(s.committed_kb >= 0 && s.fork_cost_kb >= 0 && s.fork_largest_kb >= 0 &&
               s.noreserve_kb >= 0, "smaps_parse: negative sum");
    fuzz_check(s.fork_cost_kb <= s.committed_kb, "smaps_parse: fork cost above commit charge");
    fuzz_check(s.fork_largest_kb <= s.fork_cost_kb, "smaps_parse: largest VMA above fork cost");
    free(text);
    return 0;
}
