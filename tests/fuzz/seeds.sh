# seeds.sh - sourced by tests/fuzz/run.sh and tests/fuzz_regressions.sh:
# the names of the fuzz harnesses and where each one's seed inputs are.
# Besides tests/fuzz/corpus/NAME, the unit-test fixtures that already are
# real samples of a harness's input format are used as they are.

FUZZ_HARNESSES="text procfs memcg smaps kmsg oomline options prompt settings cgroup_mounts"

# fuzz_seeds SRCDIR NAME: the seed files and directories of harness NAME,
# one per line: its corpus, the fixtures of its format, then every input
# that ever crashed it (tests/fuzz/regressions/NAME).
fuzz_seeds() {
    local src=$1 name=$2 fx=$1/tests/fixtures
    echo "$src/tests/fuzz/corpus/$name"
    case $name in
    procfs)
        ls "$fx"/*_status.txt "$fx"/*_stat.txt "$fx"/meminfo_*.txt "$fx"/vmstat_*.txt \
           "$fx"/pressure_*.txt "$fx"/proc-tree/*/stat "$fx"/proc-tree/*/status \
           "$fx"/proc-tree/*/statm "$fx"/proc-tree/meminfo "$fx"/proc-tree/vmstat \
           "$fx"/proc-tree/uptime "$fx"/proc-tree/loadavg 2>/dev/null ;;
    smaps) ls "$fx"/smaps_*.txt 2>/dev/null ;;
    kmsg) ls "$fx"/kmsg/*.kmsg 2>/dev/null ;;
    esac
    [ -d "$src/tests/fuzz/regressions/$name" ] && echo "$src/tests/fuzz/regressions/$name"
    return 0
}
