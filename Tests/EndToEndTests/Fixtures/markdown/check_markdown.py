"""Reads Markdown reports with a CommonMark parser (markdown-it-py, GFM tables on) and prints
one problem per line: raw HTML (but for rolegen's own <details>), table rows whose cell count differs from the header's, and
Mermaid blocks with a line outside the shapes rolegen writes or a label with a character
rolegen escapes. Prints "<file>: N mermaid, M tables" per clean file."""
import re
import sys

from markdown_it import MarkdownIt

md = MarkdownIt("commonmark").enable("table")

LABEL = r'"[A-Za-z0-9 .:/_\-@*=,+#;]*"'
MERMAID_LINES = [
    r"flowchart LR",
    r"  p\d+\[" + LABEL + r"\]",
    r"  r\d+\(\[" + LABEL + r"\]\)",
    r"  p\d+ -->(\|if its conditions hold\|)? r\d+",
    r"  classDef (role|external) [a-z#0-9:,\-]+",
    r"  class [pr]\d+ (role|external)",
]

# The only HTML rolegen writes itself: collapsed long lists, with a count as their summary.
OWN_HTML = r"(<details><summary>[0-9A-Za-z ]+</summary>|</details>)\n?"


def cells(line):
    """Unescaped pipes of a table row: one more than its cells."""
    return len(re.findall(r"(?<!\\)\|", line))


def walk(tokens):
    for token in tokens:
        yield token
        if token.children:
            yield from walk(token.children)


problems = []
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    lines = text.split("\n")
    tokens = md.parse(text)
    mermaid = tables = 0
    for token in walk(tokens):
        if token.type in ("html_block", "html_inline") and not re.fullmatch(OWN_HTML, token.content):
            problems.append(f"{path}: raw HTML: {token.content!r}")
        if token.type == "fence" and token.info == "mermaid":
            mermaid += 1
            for line in token.content.rstrip("\n").split("\n"):
                if not any(re.fullmatch(pattern, line) for pattern in MERMAID_LINES):
                    problems.append(f"{path}: mermaid line not of rolegen's shapes: {line!r}")
        if token.type == "table_open":
            tables += 1
            start, end = token.map
            header = cells(lines[start])
            for number in range(start, end):
                if cells(lines[number]) != header:
                    problems.append(f"{path}:{number + 1}: {cells(lines[number])} pipes, the header has {header}: {lines[number]!r}")
    # Every line that looks like a table row must be inside a parsed table.
    in_tables = set()
    for token in tokens:
        if token.type == "table_open":
            in_tables.update(range(*token.map))
    for number, line in enumerate(lines):
        if line.startswith("| ") and number not in in_tables:
            problems.append(f"{path}:{number + 1}: a table row outside any table: {line!r}")
    if not any(p.startswith(path) for p in problems):
        print(f"{path}: {mermaid} mermaid, {tables} tables")
for problem in problems:
    print("PROBLEM " + problem)
sys.exit(1 if problems else 0)
