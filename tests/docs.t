#!/bin/sh
# tests/docs.t: every C sample in docs/*.md (a block fenced with ```c) still
# compiles, so that none can rot. What is checked depends on the sample
# (docs/testing.md, "Code samples in the docs"):
#   ```c                    with a main(): a program, compiled and linked
#                           exactly as user/*.c are;
#   ```c                    without one: declarations, compiled after
#                           user/lib/coop.h, which they must agree with;
#   ```c excerpt=FILE       code quoted from FILE: its lines must be there,
#                           one after the other (indentation aside);
#   ```c skip=WHY           not checked, for the reason given.
# Compiler errors name the sample's own file and line (a #line directive).
. "$(dirname "$0")/lib.sh"
samples="$BUILD/samples"
mkdir -p "$samples"
list="$samples/docs.list"

# One file per sample, $samples/docs-PAGE-LINE.c (LINE: the fence's), and a
# line in $list for each: NAME KIND FILE LINE ARGUMENT.
for md in docs/*.md; do
    awk -v md="$md" -v dir="$samples" '
    # flush: write the sample just read (code, from the fence at line fence,
    # with info after its c) to its file, and its line to the list.
    function flush() {
        name = "docs-" page "-" fence
        kind = info
        arg = ""
        if (info == "")
            kind = (code ~ /(^|[^A-Za-z0-9_])main[ \t]*\(/) ? "program" : "declarations"
        else if (info ~ /^excerpt=/) {
            kind = "excerpt"; arg = substr(info, 9)
        } else if (info ~ /^skip=/) {
            kind = "skip"; arg = substr(info, 6)
        }
        file = dir "/" name ".c"
        if (kind == "declarations")
            printf "#include \"user/lib/coop.h\"\n" > file
        if (kind == "program" || kind == "declarations")
            printf "#line %d \"%s\"\n", fence + 1, md > file
        printf "%s", code > file
        close(file)
        print name "\t" kind "\t" md "\t" fence "\t" arg
    }
    BEGIN { page = md; sub(/^.*\//, "", page); sub(/\.md$/, "", page) }
    inside && /^```[ \t]*$/ { flush(); inside = 0; next }
    inside { code = code $0 "\n"; next }
    /^```c([ \t]|$)/ {
        inside = 1; fence = FNR; code = ""
        info = $0; sub(/^```c[ \t]*/, "", info); sub(/[ \t]*$/, "", info)
    }
    END { if (inside) print "docs-" page "-" fence "\tunclosed\t" md "\t" fence "\t" }
    ' "$md"
done >"$list"

echo "1..$(wc -l <"$list")"
n=0
tab=$(printf '\t')
while IFS=$tab read -r name kind md line arg; do
    n=$((n + 1))
    where="$md:$line"
    out="$samples/$name.out"
    case $kind in
    program)
        what="a program: compiles and links as user/*.c do"
        make_ "$samples/$name.elf" </dev/null >"$out" 2>&1
        ;;
    declarations)
        what="declarations: compile after user/lib/coop.h"
        make_ "$samples/$name.o" </dev/null >"$out" 2>&1
        ;;
    excerpt)
        what="an excerpt of $arg: there, line for line"
        # Lines compared without their indentation and trailing blanks. On a
        # mismatch, the sample's first line that differs from the best match.
        awk -v where="$md" -v first="$((line + 1))" '
        { sub(/^[ \t]+/, ""); sub(/[ \t]+$/, "") }
        FNR == NR { want[++n] = $0; next }
        { have[++m] = $0 }
        END {
            if (m == 0) { print "no such file, or it is empty"; exit 1 }
            best = 0
            for (i = 1; i <= m; i++) {
                for (k = 0; k < n && i + k <= m && have[i + k] == want[k + 1]; k++)
                    ;
                if (k > best) best = k
            }
            if (best == n) exit 0
            print where ":" first + best ": not in the file from here on: " want[best + 1]
            exit 1
        }' "$samples/$name.c" "$arg" >"$out" 2>&1
        ;;
    skip)
        echo "ok $n - $where # SKIP $arg"
        continue
        ;;
    unclosed)
        what="a sample with an end"
        echo "$where: this \`\`\`c block has no closing \`\`\`" >"$out"
        false
        ;;
    *)
        what="a sample the test knows how to check"
        echo "$where: unknown kind '$kind' (the fence says: \`\`\`c $kind)" >"$out"
        false
        ;;
    esac
    # shellcheck disable=SC2181 # $? of the case's last command
    if [ $? -eq 0 ]; then
        echo "ok $n - $where: $what"
    else
        echo "not ok $n - $where: $what"
        sed 's/^/# /' "$out"
    fi
done <"$list"
