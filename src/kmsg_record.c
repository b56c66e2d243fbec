/* SPDX-License-Identifier: GPL-2.0-or-later
 * kmsg_record.c - the pure half of kmsg.h: one /dev/kmsg record prefix
 * (Documentation/ABI/testing/dev-kmsg) and the timestamp conversion.
 */
#include "config.h"

#include <string.h>

#include "kmsg.h"

/* Decimal digits at *pos up to `end`, stopping at the first non-digit.
 * Fails on no digits or on overflow. */
static int parse_ull(const char *buf, size_t len, size_t *pos, unsigned long long *out)
{
    unsigned long long v = 0;
    size_t i = *pos;

    if (i >= len || buf[i] < '0' || buf[i] > '9')
        return -1;
    for (; i < len && buf[i] >= '0' && buf[i] <= '9'; i++) {
        unsigned d = (unsigned)(buf[i] - '0');
        if (v > (~0ULL - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *pos = i;
    *out = v;
    return 0;
}

static int expect(const char *buf, size_t len, size_t *pos, char c)
{
    if (*pos >= len || buf[*pos] != c)
        return -1;
    (*pos)++;
    return 0;
}

int kmsg_parse_record(const char *buf, size_t len, KmsgRecord *rec)
{
    unsigned long long pri, seq, usec;
    size_t pos = 0;
    const char *semi, *nl;

    memset(rec, 0, sizeof(*rec));
    if (!buf)
        return -1;
    if (parse_ull(buf, len, &pos, &pri) || expect(buf, len, &pos, ',') ||
        parse_ull(buf, len, &pos, &seq) || expect(buf, len, &pos, ',') ||
        parse_ull(buf, len, &pos, &usec) || expect(buf, len, &pos, ','))
        return -1;
    /* The flags field and any later ones (",caller=T1") end at ';'. The
     * prefix never contains a newline: one here means a broken record. */
    semi = memchr(buf + pos, ';', len - pos);
    nl = memchr(buf, '\n', len);
    if (!semi || (nl && nl < semi) || pri > 0xffff)
        return -1;
    rec->facility = (int)(pri >> 3);
    rec->level = (int)(pri & 7);
    rec->seq = seq;
    rec->usec = usec;
    rec->continuation = pos < len && buf[pos] == 'c';
    rec->text = semi + 1;
    nl = memchr(rec->text, '\n', len - (size_t)(rec->text - buf));
    rec->text_len = nl ? (size_t)(nl - rec->text) : len - (size_t)(rec->text - buf);
    return 0;
}

time_t kmsg_wall_time(double boot_wall_s, unsigned long long usec)
{
    return (time_t)(boot_wall_s + (double)(usec / 1000000ULL) +
                    (double)(usec % 1000000ULL) / 1e6);
}
