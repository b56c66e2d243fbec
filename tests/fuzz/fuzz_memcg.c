/* SPDX-License-Identifier: GPL-2.0-or-later
 * fuzz_memcg.c - the memory cgroup file parsers (memcg.h): limits, byte
 * counts, keyed files, /proc/PID/cgroup and the systemd unit of a path.
 * Input: byte 0 picks the hierarchy asked of /proc/PID/cgroup (0 = v2,
 * -1 = any v1 hierarchy with "memory", else a hierarchy id), the rest is
 * the file text.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "memcg.h"
#include "text.h"

static void check_numbers(const char *text)
{
    long long v = memcg_parse_limit_kb(text);
    fuzz_check(v >= 0 || v == MEMCG_UNLIMITED || v == MEMCG_UNKNOWN,
               "memcg_parse_limit_kb: unexpected negative");
    v = memcg_parse_bytes_kb(text);
    fuzz_check(v >= 0 || v == VALUE_MISSING, "memcg_parse_bytes_kb: unexpected negative");
    static const char *const keys[] = { "oom_kill", "oom", "under_oom", "max", "" };
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        v = memcg_parse_key(text, keys[i]);
        fuzz_check(v >= 0 || v == VALUE_MISSING, "memcg_parse_key: unexpected negative");
    }
}

static void check_proc_cgroup(const char *text, int hierarchy)
{
    char path[4096], small[8];
    int r = memcg_parse_proc_cgroup(text, hierarchy, path, sizeof path);

    fuzz_check(r >= -1 && r <= 2, "memcg_parse_proc_cgroup: result out of range");
    fuzz_check(memchr(path, '\0', sizeof path) != NULL, "memcg_parse_proc_cgroup: unterminated");
    r = memcg_parse_proc_cgroup(text, hierarchy, small, sizeof small);
    fuzz_check(memchr(small, '\0', sizeof small) != NULL, "memcg_parse_proc_cgroup: overflow");

    /* The unit name is taken from a sanitised path, as cgroup.c does. */
    char clean[4096], unit[256], tiny[4];
    text_sanitize(clean, sizeof clean, text, strlen(text));
    memcg_unit_name(clean, unit, sizeof unit);
    fuzz_check(memchr(unit, '\0', sizeof unit) != NULL, "memcg_unit_name: unterminated");
    fuzz_check(fuzz_terminal_safe(unit), "memcg_unit_name: unsafe unit name");
    memcg_unit_name(clean, tiny, sizeof tiny);
    fuzz_check(memchr(tiny, '\0', sizeof tiny) != NULL, "memcg_unit_name: overflow");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int hierarchy = (int)(int8_t)data[0];
    char *text = fuzz_strdup(data + 1, size - 1);

    check_numbers(text);
    check_proc_cgroup(text, hierarchy < -1 ? -1 : hierarchy);
    free(text);
    return 0;
}
