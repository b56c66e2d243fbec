/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_whatif_input.c - sizes typed into the what-if prompts: every accepted
 * form with its KiB value, every refused one with its message, and a
 * refused value leaves the output untouched.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "whatif_input.h"

typedef struct Case {
    const char *input;
    int allow_zero;
    int ok;
    long long kb;
    const char *message;
} Case;

static const Case cases[] = {
    { "512M", 0, 1, 524288, NULL },
    { "512m", 0, 1, 524288, NULL },
    { "512MiB", 0, 1, 524288, NULL },
    { "512mb", 0, 1, 524288, NULL },
    { "2G", 0, 1, 2097152, NULL },
    { "1.5g", 0, 1, 1572864, NULL },
    { "0.001G", 0, 1, 1048, NULL },         /* 1048.576 KiB, rounded down */
    { "100K", 0, 1, 100, NULL },
    { "100", 0, 1, 100, NULL },
    { "1T", 0, 1, 1073741824, NULL },
    { "1024T", 0, 1, 1LL << 40, NULL },
    { "0", 1, 1, 0, NULL },
    { "0G", 1, 1, 0, NULL },
    { "", 0, 0, 0, "grow amount: no size given (e.g. 512M, 2G)" },
    { "0", 0, 0, 0, "grow amount: '0' is less than 1 KiB" },
    { "0.0001G", 0, 0, 0, "grow amount: '0.0001G': give at most 3 decimals after '.'" },
    { "0.5", 0, 0, 0, "grow amount: '0.5' is less than 1 KiB" },
    { "12Q", 0, 0, 0, "grow amount: '12Q' has no known unit (K, M, G or T)" },
    { "12 M", 0, 0, 0, "grow amount: '12 M' has no known unit (K, M, G or T)" },
    { "M", 0, 0, 0, "grow amount: 'M' is not a size (e.g. 512M, 2G, 100K)" },
    { "-5M", 0, 0, 0, "grow amount: '-5M' is not a size (e.g. 512M, 2G, 100K)" },
    { "+5M", 0, 0, 0, "grow amount: '+5M' is not a size (e.g. 512M, 2G, 100K)" },
    { "1.", 0, 0, 0, "grow amount: '1.': give at most 3 decimals after '.'" },
    { "1e3", 0, 0, 0, "grow amount: '1e3' has no known unit (K, M, G or T)" },
    { "0x10", 0, 0, 0, "grow amount: '0x10' has no known unit (K, M, G or T)" },
    { "1025T", 0, 0, 0, "grow amount: '1025T' is too large (at most 1024T)" },
    { "99999999999999999999", 0, 0, 0, "grow amount: '99999999999999999999' is too large (at most 1024T)" },
    { "1234567890123456789012345", 0, 0, 0, "grow amount: input too long (at most 24 characters)" },
};

static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const Case *c = &cases[i];
        long long kb = -7;
        char err[160] = "";
        int r = whatif_parse_size_kb(c->input, "grow amount", c->allow_zero, &kb, err, sizeof err);
        if (c->ok) {
            if (r != 0 || kb != c->kb)
                fail_msg("'%s': got %d, %lld (%s); want %lld", c->input, r, kb, err, c->kb);
        } else {
            if (r != -1 || kb != -7)
                fail_msg("'%s' accepted or output touched (%lld)", c->input, kb);
            if (strcmp(err, c->message) != 0)
                fail_msg("'%s': message '%s', want '%s'", c->input, err, c->message);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
