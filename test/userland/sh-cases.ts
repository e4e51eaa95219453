// The shell's corpus: command lines run by `sh -c` in an empty scratch
// directory, with PATH holding only what the case needs (cat, wc, head,
// tail, printf, rm, mkdir, ls, touch: on bocal the box applets, natively Debian's
// coreutils). Each case's stdout, stderr and status must be what Debian's
// dash gives, after one normalization: dash prefixes its messages with the
// line number ("sh: 1: foo: not found"), the issue's format has none.
// `syntax` cases compare only the status and that a syntax error is
// reported: our message is `sh: line N: syntax error: ...` (the issue's
// format), dash's is `sh: N: Syntax error: ...`.
export interface ShellCase {
  name: string;
  /** Run with -c; '' runs the shell on stdin. */
  script: string;
  args?: string[];
  /** Options before -c (or alone, for stdin), such as -i. */
  options?: string[];
  stdin?: string;
  syntax?: boolean;
  /** bash in POSIX mode (run as sh) instead of dash, where dash is not POSIX. */
  reference?: 'bash';
}

export const shellCases: ShellCase[] = [
  // quoting
  { name: 'words', script: 'echo a   b c' },
  { name: 'single quotes keep everything', script: `echo 'a  $HOME \\ "x"'` },
  { name: 'double quotes expand', script: 'X=v; echo "a  $X \\$X \\\\ \'q\'"' },
  { name: 'backslash escapes', script: 'echo \\$X a\\ b \\"' },
  { name: 'adjacent quoted parts', script: `echo 'a'"b"c'd'` },
  { name: 'empty quoted word is a field', script: 'set -- "" a ""; echo $#' },
  { name: 'line continuation', script: 'echo a \\\nb' },
  { name: 'comments', script: 'echo a # not this\n# nor this\necho b#c' },
  // parameters
  { name: 'assignment', script: 'A=1 B=2; echo $A$B ${A}x' },
  { name: 'default values', script: 'A=; echo ${A:-d} ${A-d} ${U:-u} ${U-u}' },
  { name: 'assign default', script: 'echo ${N:=new}; echo $N' },
  { name: 'alternative value', script: 'A=1; echo ${A:+alt} ${U:+alt}.' },
  { name: 'length', script: 'A=hello; echo ${#A}' },
  {
    name: 'prefix and suffix removal',
    script: 'x=a/b/c.tar.gz; echo ${x%.*} ${x%%.*} ${x#*/} ${x##*/}',
  },
  { name: 'error if unset', script: 'echo ${U:?is missing}; echo not reached' },
  { name: 'positional parameters', script: 'echo $0 $1 $2 $#', args: ['name', 'one', 'two'] },
  { name: 'quoted $@', script: 'for a in "$@"; do echo "[$a]"; done', args: ['n', 'a b', '', 'c'] },
  { name: 'unquoted $@', script: 'for a in $@; do echo "[$a]"; done', args: ['n', 'a b', '', 'c'] },
  { name: 'quoted $*', script: 'echo "$*"; IFS=:; echo "$*"', args: ['n', 'a', 'b c'] },
  { name: '"$@" with no parameters', script: 'set --; for a in "$@"; do echo x; done; echo $#' },
  { name: 'shift', script: 'shift; echo $1 $#; shift 2; echo $#', args: ['n', 'a', 'b', 'c'] },
  { name: 'shift too many', script: 'shift 5; echo no', args: ['n', 'a'] },
  { name: 'set --', script: 'set -- x "y z"; echo $# "$2"' },
  { name: '$? after failure', script: 'false; echo $?; true; echo $?' },
  {
    name: '$$ is the same in a subshell',
    script: 'a=$$; b=$(echo $$); [ "$a" = "$b" ] && echo same',
  },
  { name: 'unset', script: 'A=1; unset A; echo "[${A-unset}]"' },
  { name: 'set -u', script: 'set -u; echo ${DEFINED-ok}; echo $NOPE; echo not reached' },
  // field splitting
  { name: 'IFS whitespace', script: 'x="  a  b  "; set -- $x; echo $#' },
  { name: 'IFS non-whitespace', script: 'IFS=:; x="a::b:"; set -- $x; echo $# "$1" "$2" "$3"' },
  { name: 'IFS mixed', script: "IFS=' :'; x=' a : b :c'; set -- $x; echo $#; echo \"$1|$2|$3\"" },
  { name: 'empty IFS', script: "IFS=; x='a b'; set -- $x; echo $#" },
  { name: 'quoted expansion not split', script: 'x="a  b"; echo "$x"; echo $x' },
  // command substitution
  { name: 'command substitution', script: 'x=$(echo hi; echo there); echo "$x"' },
  { name: 'trailing newlines removed', script: 'x=$(printf "a\\n\\n\\n"); echo "[$x]"' },
  { name: 'backquotes', script: 'echo `echo a` "`echo b`"' },
  { name: 'nested substitution', script: 'echo $(echo $(echo deep))' },
  { name: 'substitution status', script: 'x=$(false); echo $?' },
  { name: 'subshell sees variables', script: 'v=private; echo $(echo $v)' },
  // exit statuses and errors
  { name: 'not found', script: 'nosuchcommand; echo $?' },
  { name: 'not found with a path', script: './nosuch; echo $?' },
  { name: 'exit status', script: 'exit 3' },
  { name: 'exit without argument', script: 'false; exit' },
  { name: 'syntax error: unexpected then', script: 'if then', syntax: true },
  { name: 'syntax error: unclosed if', script: 'if true; then echo a', syntax: true },
  { name: 'syntax error: lone pipe', script: '| cat', syntax: true },
  { name: 'syntax error runs nothing after it', script: 'echo a; fi; echo b', syntax: true },
  // pipelines and lists
  { name: 'pipeline', script: 'echo hello | cat | wc -c' },
  {
    // Files larger than a pipe, into a pipe: box's cat has the kernel copy them (sendfile).
    name: 'cat of files into a pipe',
    script:
      'echo 0123456789abcdef > f; for i in 1 2 3 4 5 6 7 8 9 10 11 12 13; do cat f f > g; cat g > f; done\n' +
      'cat f - f < f | wc -c; cat f | tail -c 17; cat < f | wc -c',
  },
  {
    // wc -c alone takes a regular file's size less its offset, and reads a pipe in blocks.
    name: 'wc -c of the rest of a file and of a pipe',
    script: "printf 'first\\nsecond line\\n' > f; { read -r l; wc -c; } < f; cat f f | wc -c",
  },
  {
    // GNU pads to 7 only for an input that is not a regular file, standard input included.
    name: 'wc column width with standard input a file, a pipe or a device',
    script:
      "printf 'a b\\nc\\n' > f; wc -c f - < f; wc -lc < f; printf x | wc -lc; wc -lc f - < /dev/null",
  },
  { name: 'pipeline status is the last', script: 'false | true; echo $?; true | false; echo $?' },
  { name: 'negated pipeline', script: '! false; echo $?; ! true; echo $?' },
  { name: 'builtin in a pipeline', script: 'for i in 1 2 3; do echo $i; done | wc -l' },
  {
    name: 'and-or lists',
    script: 'true && echo a; false && echo b; false || echo c; true || echo d',
  },
  { name: 'and-or chain', script: 'false && echo x || echo y' },
  { name: 'background and wait', script: 'echo bg > f & wait $!; echo $?; cat f' },
  { name: 'wait for all', script: '(exit 3) & wait; echo $?' },
  { name: 'wait for a status', script: '(exit 5) & wait $!; echo $?' },
  // redirections
  { name: 'output to a file', script: 'echo a > f; echo b >> f; cat f' },
  { name: 'input from a file', script: 'echo data > f; cat < f; wc -l < f' },
  { name: 'stderr to stdout', script: 'cat nosuch 2>&1 | wc -l' },
  { name: 'n>&m', script: 'echo err 1>&2' },
  {
    name: 'open and close a descriptor',
    script: 'exec 3>&1; echo to3 >&3; exec 3>&-',
  },
  { name: 'stderr of a group into a pipe', script: '{ echo a; echo b >&2; } 2>&1 | cat' },
  { name: 'redirect a group', script: '{ echo a; echo b; } > f; cat f' },
  { name: 'redirect a loop', script: 'for i in 1 2; do echo $i; done > f; cat f' },
  { name: 'redirection error', script: 'cat < nosuch; echo $?' },
  { name: 'builtin redirection restored', script: 'echo one > f; echo two; cat f' },
  { name: 'exec redirection', script: 'exec > f; echo inside; exec >&2; cat f' },
  { name: 'here-document', script: 'X=v\ncat <<EOF\na $X\n\\$X\nEOF\necho after' },
  { name: 'quoted here-document', script: "cat <<'EOF'\na $X `b`\nEOF" },
  { name: 'here-document with tabs', script: 'cat <<-EOF\n\t\tindented\n\tEOF' },
  // compound commands
  {
    name: 'if elif else',
    script:
      'for x in 1 2 3; do if [ $x = 1 ]; then echo one; elif [ $x = 2 ]; then echo two; else echo other; fi; done',
  },
  { name: 'if status', script: 'if false; then :; fi; echo $?' },
  { name: 'while', script: 'i=x; while [ $i != xxx ]; do echo $i; i=${i}x; done' },
  { name: 'until', script: 'x=; until [ "$x" = aaa ]; do x=a$x; done; echo $x' },
  {
    name: 'for with break and continue',
    script: 'for i in 1 2 3 4 5; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done',
  },
  {
    name: 'nested break 2',
    script: 'for a in 1 2; do for b in 1 2; do echo $a$b; break 2; done; done; echo end',
  },
  { name: 'for over "$@"', script: 'for a; do echo $a; done', args: ['n', 'x', 'y'] },
  { name: 'group', script: '{ echo a; echo b; }' },
  { name: 'subshell isolates', script: 'x=1; (x=2; echo $x); echo $x' },
  { name: 'subshell exit', script: '(exit 7); echo $?' },
  {
    name: 'case',
    script:
      'for w in apple b.c zz "*"; do case $w in a*) echo A;; *.c|x) echo C;; "*") echo star;; *) echo other;; esac; done',
  },
  { name: 'case without match', script: 'case x in y) echo y;; esac; echo $?' },
  // builtins
  { name: 'cd and pwd', script: 'mkdir d; cd d; pwd | wc -l; cd ..; cd nosuch; echo $?' },
  { name: 'export to children', script: "export E=1; F=2; sh -c 'echo $E$F'" },
  { name: 'prefix assignment for a program', script: 'A=1 sh -c \'echo $A\'; echo "[$A]"' },
  { name: 'prefix assignment for a special builtin', script: 'A=1 :; echo $A' },
  {
    name: 'read',
    stdin: 'first line\n  a  b  c  \n',
    script: 'read x; echo "[$x]"; read y z; echo "[$y][$z]"',
  },
  { name: 'read at end of file', script: 'read x < /dev/null; echo $?' },
  { name: 'read -r and backslashes', stdin: 'a\\tb\\\nc\n', script: 'read -r x; echo "$x"' },
  {
    name: 'test strings',
    script: '[ a = a ]; echo $?; [ a != a ]; echo $?; test -n ""; echo $?; test -z ""; echo $?',
  },
  {
    name: 'test integers',
    script: '[ 3 -lt 10 ]; echo $?; [ 3 -ge 10 ]; echo $?; [ 1 -eq x ]; echo $?',
  },
  {
    name: 'test files',
    script: 'mkdir d; echo > f; [ -d d ] && [ -f f ] && [ ! -e nope ] && echo ok',
  },
  { name: 'test combinations', script: '[ a = b -o 1 = 1 ]; echo $?; [ ! a = a ]; echo $?' },
  { name: 'echo escapes', script: 'echo "a\\tb\\nc"; echo -n no; echo " newline"' },
  { name: 'set -e', script: 'set -e; echo a; false; echo not reached' },
  {
    name: 'set -e in conditions',
    script: 'set -e; if false; then :; fi; false || true; ! true; echo survived',
  },
  { name: 'set -x', script: 'set -x; echo a "b c"' },
  { name: 'eval', script: 'cmd="echo a; echo b"; eval $cmd' },
  { name: 'dot', script: 'echo "X=from_dot" > inc; . ./inc; echo $X' },
  { name: 'exec a program', script: 'exec sh -c "echo replaced"; echo not reached' },
  { name: 'true false colon', script: 'true; echo $?; false; echo $?; :; echo $?' },
  { name: 'script from stdin', script: '', stdin: 'echo from stdin\nexit 4\n' },
  // stdin, one command at a time
  {
    name: 'stdin: read sees the next line',
    script: '',
    stdin: 'read x\nline one\necho "[$x]"\nhead -n 1\nline two\n',
    reference: 'bash',
  },
  {
    name: 'stdin: a command over several lines',
    script: '',
    stdin:
      'if true\nthen echo t\nfi\necho "a\nb"\ncat <<EOF\nbody\nEOF\necho c \\\nd\ntrue &&\necho e\n',
  },
  {
    name: 'stdin: a syntax error ends the script',
    script: '',
    stdin: 'echo a\nfi\necho b\n',
    syntax: true,
  },
  {
    name: 'interactive: prompts PS1 and PS2 on stderr',
    script: '',
    options: ['-i'],
    stdin: 'echo hi\nif true\nthen echo t\nfi\nPS1=">> "\nPS2="+ "\nfor i in 1\ndo echo $i; done\n',
  },
  {
    name: 'interactive: a syntax error is reported after the prompt',
    script: '',
    options: ['-i'],
    stdin: 'echo a\necho b; fi\n',
    syntax: true,
  },
  // functions
  { name: 'function call', script: 'f() { echo "f: $# $1 $2"; }; f a "b c"; f' },
  { name: 'function keeps $0', script: 'f() { echo $0 $1; }; f x', args: ['name'] },
  {
    name: 'function parameters are restored',
    script: 'f() { set -- x; echo $1; }; f a; echo $1 $#',
    args: ['n', 'p', 'q'],
  },
  {
    name: 'return with a status',
    script: 'f() { echo in; return 3; echo no; }; f; echo $?; g() { false; return; }; g; echo $?',
  },
  {
    name: 'return from inside a loop',
    script: 'f() { for i in 1 2 3; do [ $i = 2 ] && return $i; echo $i; done; }; f; echo $?',
  },
  {
    name: 'recursive function',
    script:
      'fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(($1 - 1))) )); fi; }; fact 5',
  },
  {
    name: 'function on several lines with a subshell body',
    script: 'f()\n(\n  echo sub $1\n)\nf x; g() { echo g; } >/dev/null; g; echo after',
  },
  { name: 'function variables are global', script: 'f() { v=set; }; f; echo $v' },
  {
    name: 'functions in pipelines and substitutions',
    script: 'f() { echo "f $1"; }; f a | cat; echo "$(f b)"; (f c); f d &\nwait',
  },
  { name: 'unset -f', script: 'f() { echo f; }; unset -f f; f; echo $?' },
  { name: 'function redefined', script: 'f() { echo 1; }; f; f() { echo 2; }; f' },
  // arithmetic
  {
    name: 'arithmetic operators',
    script:
      'echo $((1+2*3)) $((7/2)) $((-7%3)) $(((1+2)*3)) $((1<2)) $((2<=1)) $((3==3)) $((3!=3))',
  },
  {
    name: 'arithmetic bits and logic',
    script:
      'echo $((6&3)) $((6|3)) $((6^3)) $((~0)) $((!5)) $((1<<4)) $((-16>>2)) $((1&&0)) $((0||2))',
  },
  { name: 'arithmetic constants', script: 'echo $((0x1f)) $((010)) $((  42  ))' },
  { name: 'arithmetic conditional', script: 'echo $((1?2:3)) $((0?2:3)) $((0 ? 1 : 0 ? 4 : 5))' },
  {
    name: 'arithmetic variables and assignments',
    script: 'x=4; y=" 3 "; echo $((x*y)) $((z+1)) $((x+=2)) $x $((w=x*2)) $w $((x<<=1)) $x',
  },
  { name: 'arithmetic with $ and quotes', script: 'a=5; echo "$(($a - 1))" $(( ${a} * 2 ))' },
  { name: 'arithmetic short circuit', script: 'echo $((0 && (1/0))) $((1 || (y=9))) ${y-unset}' },
  { name: 'arithmetic division by zero', script: 'echo $((1/0)); echo not reached' },
  { name: 'arithmetic bad expression', script: 'echo $((1 +)); echo not reached' },
  { name: 'arithmetic bad variable', script: 'x=abc; echo $((x+1)); echo not reached' },
  { name: 'arithmetic in a loop', script: 'i=0; while [ $i -lt 5 ]; do i=$((i+1)); done; echo $i' },
  // pathname expansion
  {
    name: 'glob star sorted',
    script: 'touch b a c .hidden; mkdir d; echo *; echo .*; echo "*"; echo \\*',
  },
  {
    name: 'glob ? and brackets',
    script: 'touch a1 a2 ab b1; echo a?; echo [ab]1; echo a[!1]; echo [a-b]?',
  },
  { name: 'glob no match stays literal', script: 'echo z* q?[x]; echo "$(echo none*)"' },
  {
    name: 'glob in directories',
    script: 'mkdir -p d/e f; touch d/x d/e/y f/z; echo */; echo d/*; echo */*; echo ./d/e/*',
  },
  { name: 'glob from a variable', script: 'touch a b; p="*"; echo $p; echo "$p"' },
  { name: 'glob in for', script: 'touch x1 x2; for f in x*; do echo "[$f]"; done' },
  { name: 'set -f', script: 'touch a b; set -f; echo *; set +f; echo *' },
  // noclobber
  {
    name: 'set -C',
    script:
      'echo 1 > f; set -C; echo 2 > f; echo $?; cat f; echo 3 >| f; cat f; echo 4 >> f; cat f; echo 5 > /dev/null; echo 6 > g; cat g',
  },
  { name: 'set -C in a subshell', script: 'echo 1 > f; set -C; (echo 2 > f); echo $?; cat f' },
  // trap
  {
    name: 'trap lists, resets and rejects',
    script:
      'trap "echo bye" EXIT; trap "echo it\'s" INT; trap; trap - INT; trap; trap "echo x" FOO; echo $?',
  },
  { name: 'trap with a number resets', script: 'trap "echo y" 2 15; trap; trap 2; trap' },
  { name: 'trap EXIT sees the exit status', script: 'trap "echo exit \\$?" EXIT; false; exit 4' },
  { name: 'trap EXIT with exit in the action', script: 'trap "exit 5" EXIT; exit 4' },
  {
    name: 'trap runs between commands',
    script: 'trap "echo got; exit 3" TERM; kill -TERM $$; echo after',
  },
  {
    name: 'trap keeps $? and goes on',
    script: 'trap "echo usr1 \\$?" USR1; (kill -USR1 $$); echo after $?',
  },
  {
    // A trapped signal ends a read waiting on its input (status 1, what was
    // read so far assigned); the action runs next. The line sent later is
    // for cat. The kill waits half a second so that read is waiting by then.
    name: 'trap interrupts read',
    script:
      '{ sleep 3; echo late; } | (trap "echo got" USR1; sh -c \'sleep 0.5; kill -USR1 $PPID\' & read x; echo status=$? x=$x; cat)',
  },
  {
    // fd 3 is free, so the shell's open returns 3 itself: the programs it
    // starts must still get it (no close-on-exec left on it).
    name: 'a redirected fd above 2 reaches the programs started',
    script: "printf 'x\\n' > f; exec 3<f; sh -c 'cat <&3'; sh -c 'cat <&4' 4<<EOF\nhere\nEOF",
  },
  { name: 'trap ignore', script: 'trap "" USR1; kill -USR1 $$; echo alive; trap' },
  // getopts
  {
    name: 'getopts loop',
    script:
      'while getopts ab:c o; do echo "$o [$OPTARG] $OPTIND"; done; shift $((OPTIND-1)); echo "$@"',
    args: ['x', '-a', '-b', 'B', '-ca', '-d', '-b'],
  },
  {
    name: 'getopts silent mode and OPTIND reset',
    script: 'getopts :b: o -x; echo "$o $OPTARG"; OPTIND=1; getopts :b: o -b; echo "$o $OPTARG"',
  },
  {
    name: 'getopts stops at -- and operands',
    script: 'getopts a o -a -- -a; echo $? $OPTIND; getopts a o -a -- -a; echo $? $OPTIND',
  },
  // type, command, hash
  {
    name: 'type',
    script: 'f() { :; }; type echo exit if f nope; echo $?; type cat >/dev/null; echo $?',
  },
  {
    name: 'command -v and -V',
    script:
      'f() { :; }; command -v echo; command -v f; command -v if; command -v nope; echo $?; command -V cd',
  },
  {
    name: 'command skips functions',
    script: 'echo() { :; }; command echo hi; f() { :; }; command f',
  },
  { name: 'hash unknown', script: 'hash nope; echo $?; hash -r; hash' },
  // set -o
  {
    name: 'set -o pipefail',
    script:
      'false | true; echo $?; set -o pipefail; false | true; echo $?; true | exit 3 | true; echo $?',
    reference: 'bash',
  },
  {
    name: 'set -o by name',
    script: 'set -o noglob; touch a; echo *; set +o noglob; echo *; set -o nosuch; echo no',
  },
  // here-documents opened in a function body
  {
    name: 'heredoc after a one-line function',
    script: 'f() { cat <<EOF; }\nhi $1\nEOF\nf there; echo end',
  },
  {
    name: 'heredocs in a function, called in subshells and pipes',
    script: 'f() { cat <<A; cat <<-B; }\na\nA\n\tb\n\tB\nf; (f); f | cat',
  },
  {
    name: 'heredoc in a nested function',
    script: 'f() { g() { cat <<EOF; }; }\nnested\nEOF\nf; g; g',
  },
  {
    name: 'heredoc in a one-line function on stdin',
    script: '',
    stdin: 'f() { cat <<EOF; }\nin $0\nEOF\nf\necho after\n',
  },
  // ulimit
  {
    name: 'ulimit sets and shows',
    script:
      'ulimit -n 100; ulimit -n; ulimit -Sn; ulimit -Hn; ulimit -v -n; ulimit -Sn 50; ulimit -n; ulimit -Hn',
  },
  {
    name: 'ulimit bad input',
    script: 'ulimit -x; echo $?; ulimit -n abc; echo $?; ulimit -n -5; echo $?',
  },
  // aliases: substituted for a command word read after the definition
  { name: 'alias used on the next line', script: "alias a='echo hi'\na; a there" },
  { name: 'alias ending in a blank', script: "alias e='echo ' w=world\ne w w" },
  { name: 'alias in its own value', script: "alias echo='echo x'\necho y" },
  { name: 'alias chain', script: "alias a=b b=c c='echo chain'\na 1" },
  {
    name: 'alias to a compound command and a parameter',
    script: "alias g='for i in 1 2; do echo $i; done' n='echo $1'\nset -- one; g; n",
  },
  {
    name: 'alias listing, unalias',
    script:
      'alias b=y a="it\'s"; alias; alias a; alias nope; echo $?; unalias b nope; echo $?; alias; unalias -a; alias',
  },
  {
    name: 'aliases in subshells, substitutions and pipelines',
    script: "alias a='echo hi' q=\"it's\"\n(a); b=$(a); echo $b; a | cat; (alias)",
  },
  {
    name: 'alias after assignments, not in argument position',
    script: "alias a='echo A'\nX=1 a; echo a",
  },
  {
    name: 'command -v and -V of an alias, a function, a keyword',
    script: 'f() { :; }; alias l=ls\ncommand -v f l if; command -V f l if; type l',
  },
  // job control builtins in a script (no job control: no process groups)
  { name: '$- shows the options', script: 'echo "[$-]"; set -eu; echo $-; set +eu -fC; echo $-' },
  {
    name: 'kill builtin: signals by name and number, bad input',
    script:
      'kill -l 130; kill -l 9; kill -l 200; echo $?; kill -s; echo $?; kill abc; echo $?; kill %3; echo $?; kill; echo $?; kill -FOO 1; echo $?',
  },
  {
    name: 'fg, bg, jobs and wait without such a job',
    script: 'fg; echo $?; bg %1; echo $?; jobs %1; echo $?; wait %4; echo $?; wait 1; echo $?',
  },
  { name: 'wait %N for a job', script: '(exit 7) & wait %1; echo $?; (exit 3) & wait %%; echo $?' },
  {
    // dash's kill %N in a script signals a process group that does not exist
    // ("No such process"): bash in POSIX mode kills the job.
    name: 'kill %N and %STRING in a script, then wait',
    script: 'sleep 5 & kill %1; wait %1; echo $?; sleep 6 & kill -9 %sl; wait $!; echo $?',
    reference: 'bash',
  },
  { name: 'jobs -p in a script', script: 'sleep 1 & jobs -p > f; wc -l < f; kill $!' },
  {
    name: "times prints four times in dash's format",
    script:
      'set -- $(times); echo $#; for t; do case $t in [0-9]*m[0-9]*.[0-9][0-9][0-9][0-9][0-9][0-9]s) ;; *) echo bad $t ;; esac; done',
  },
  // exec edge cases
  { name: 'exec of a missing program', script: 'exec nonexist; echo after' },
  {
    name: 'exec in a subshell, exec with redirections only',
    script: '(exec printf ok); echo $?; exec 3>&1; echo x >&3',
  },
];
