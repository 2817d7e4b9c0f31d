#!/usr/bin/env python3
"""Turns a terminal capture with colour escapes (tmux capture-pane -e) into
an HTML page that looks like the terminal: a black background, the 16
standard colours as xterm draws them, 256-colour and true-colour escapes,
bold, dim, italic, underline and reverse, in a monospace font that has the
braille and box-drawing glyphs (DejaVu Sans Mono).

    ansi-to-html.py [--font-size PX] [--line-height PX] < capture.txt > page.html

Only SGR escapes (ESC [ ... m) are read; any other escape is dropped.
"""
import html
import re
import sys

BASE16 = [
    "#000000", "#cd0000", "#00cd00", "#cdcd00", "#0000ee", "#cd00cd", "#00cdcd", "#e5e5e5",
    "#7f7f7f", "#ff0000", "#00ff00", "#ffff00", "#5c5cff", "#ff00ff", "#00ffff", "#ffffff",
]
FG, BG = "#d0d0d0", "#101010"


def color256(n):
    if n < 16:
        return BASE16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[n // 6 % 6], steps[n % 6])
    level = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (level, level, level)


class Pen:
    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = self.bg = None
        self.bold = self.dim = self.italic = self.underline = self.reverse = False

    def apply(self, params):
        codes = [int(p) if p else 0 for p in params.split(";")] if params else [0]
        i = 0
        while i < len(codes):
            c = codes[i]
            if c == 0:
                self.reset()
            elif c == 1:
                self.bold = True
            elif c == 2:
                self.dim = True
            elif c == 3:
                self.italic = True
            elif c == 4:
                self.underline = True
            elif c == 7:
                self.reverse = True
            elif c == 22:
                self.bold = self.dim = False
            elif c == 23:
                self.italic = False
            elif c == 24:
                self.underline = False
            elif c == 27:
                self.reverse = False
            elif 30 <= c <= 37:
                self.fg = BASE16[c - 30]
            elif 90 <= c <= 97:
                self.fg = BASE16[c - 90 + 8]
            elif c == 39:
                self.fg = None
            elif 40 <= c <= 47:
                self.bg = BASE16[c - 40]
            elif 100 <= c <= 107:
                self.bg = BASE16[c - 100 + 8]
            elif c == 49:
                self.bg = None
            elif c in (38, 48) and i + 1 < len(codes):
                if codes[i + 1] == 5 and i + 2 < len(codes):
                    value, i = color256(codes[i + 2]), i + 2
                elif codes[i + 1] == 2 and i + 4 < len(codes):
                    value = "#%02x%02x%02x" % tuple(codes[i + 2 : i + 5])
                    i += 4
                else:
                    value = None
                if c == 38:
                    self.fg = value
                else:
                    self.bg = value
            i += 1

    def css(self):
        fg, bg = self.fg or FG, self.bg or BG
        if self.reverse:
            fg, bg = bg, fg
        style = []
        if fg != FG:
            style.append("color:" + fg)
        if bg != BG:
            style.append("background:" + bg)
        if self.bold:
            style.append("font-weight:bold")
        if self.dim:
            style.append("opacity:.6")
        if self.italic:
            style.append("font-style:italic")
        if self.underline:
            style.append("text-decoration:underline")
        return ";".join(style)


ESCAPE = re.compile(r"\x1b\[([0-9;]*)([A-Za-z])|\x1b[()][A-Za-z0-9]|\x1b.")


def cells(text):
    """Text with every character outside Latin in a box one column wide:
    DejaVu Sans Mono has no braille, and the glyphs that come from another
    font must not push the rest of the row out of its columns."""
    return "".join(
        html.escape(c) if ord(c) < 0x250 else '<span class="c">%s</span>' % html.escape(c)
        for c in text
    )


def convert(text):
    pen, out = Pen(), []
    for line in text.rstrip("\n").split("\n"):
        pos, spans = 0, []
        for m in ESCAPE.finditer(line):
            spans.append((pen.css(), line[pos : m.start()]))
            if m.group(2) == "m":
                pen.apply(m.group(1))
            pos = m.end()
        spans.append((pen.css(), line[pos:]))
        row = "".join(
            '<span style="%s">%s</span>' % (css, cells(t)) if css else cells(t)
            for css, t in spans
            if t
        )
        out.append(row)
    return out


def main():
    size, line = 14, 17
    args = sys.argv[1:]
    while len(args) > 1 and args[0] in ("--font-size", "--line-height"):
        if args[0] == "--font-size":
            size = int(args[1])
        else:
            line = int(args[1])
        args = args[2:]
    rows = convert(sys.stdin.read())
    sys.stdout.write(
        """<!doctype html>
<meta charset="utf-8">
<style>
html, body { margin: 0; background: %s; }
pre { margin: 0; padding: 8px; color: %s; font: %dpx/%dpx "DejaVu Sans Mono", monospace;
      font-variant-ligatures: none; }
.c { display: inline-block; width: 1ch; height: %dpx; vertical-align: top; overflow: visible; }
</style>
<pre>%s</pre>
"""
        % (BG, FG, size, line, line, "\n".join(rows))
    )


if __name__ == "__main__":
    main()
