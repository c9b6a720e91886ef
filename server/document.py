"""A TypeScript document: UTF-8 bytes, an LSP line index and a tree-sitter tree kept in step.

Edits go through :meth:`Document.apply_change`, which edits the old tree; the reparse waits until
the tree is next read, so a burst of keystrokes costs one incremental parse, not one each.

A tree takes about twenty times the memory of its text. A server with many files open keeps the
trees of the ones in use and lets the others go (:meth:`Document.release_tree`): a released tree is
parsed afresh when next needed, which gives the same tree.
"""

from __future__ import annotations

import bisect
from functools import cache
from typing import Literal

from tree_sitter import Language, Node, Parser, Tree

from .model_builder import StatementCache
from .text import _LINE_BREAK, LineIndex, tree_sitter_point

LanguageId = Literal["typescript", "tsx"]

TYPESCRIPT_SUFFIXES = (".ts", ".mts", ".cts", ".tsx")


def language_for_path(path: str | None) -> LanguageId:
    """TSX for .tsx files; the TypeScript grammar reports JSX as errors, so it must not see them."""
    return "tsx" if path is not None and path.lower().endswith(".tsx") else "typescript"


@cache
def _language(language: LanguageId) -> Language:
    import tree_sitter_typescript

    raw = (
        tree_sitter_typescript.language_tsx()
        if language == "tsx"
        else tree_sitter_typescript.language_typescript()
    )
    return Language(raw)


@cache
def _parser(language: LanguageId) -> Parser:
    return Parser(_language(language))


def parse(source: bytes, language: LanguageId = "typescript", old_tree: Tree | None = None) -> Tree:
    parser = _parser(language)
    return parser.parse(source, old_tree) if old_tree is not None else parser.parse(source)


class Document:
    """Source bytes, line index and syntax tree of one file, edited incrementally."""

    __slots__ = (
        "path",
        "language",
        "source",
        "lines",
        "_tree",
        "_stale",
        "_changed_from",
        "version",
        "edits",
        "statements",
        "parsed",
        "deferred",
        "_settle_from",
    )

    def __init__(
        self,
        source: bytes,
        path: str | None = None,
        language: LanguageId | None = None,
        version: int = 0,
        *,
        parsed: bool = True,
        deferred: bool = False,
    ) -> None:
        self.path = path
        self.language: LanguageId = language or language_for_path(path)
        self.source = source
        self.lines = LineIndex(source)
        # An unparsed document keeps its text and lines in step but has an empty tree: parsing a
        # file of many megabytes costs seconds, and every edit of it a second more.
        self.parsed = parsed
        self._tree: Tree | None = parse(source if parsed else b"", self.language)
        # Edits applied to the text (and marked on ``_tree``) since the last parse.
        self._stale = False
        # The least start of those edits: the text before it is what the tree was parsed from.
        self._changed_from = 0
        self.version = version
        # The changes since the model was last built: (start, old end, new end), each in the text
        # as it was when it was made. The model builder reuses the statements outside them.
        self.edits: list[tuple[int, int, int]] = []
        # The model builder's per-statement facts, reused for statements an edit left alone.
        self.statements = StatementCache()
        # Whether an edit that leaves a syntax error keeps the incremental tree until
        # :meth:`settle` (a language server, answering a keystroke) or parses so that the tree is
        # a fresh parse's at once (everything else).
        self.deferred = deferred
        # With a deferred tree that may differ from a fresh parse: the least offset any edit
        # since the tree was last exact started at. None while the tree is exact.
        self._settle_from: int | None = None

    @property
    def tree(self) -> Tree:
        """The syntax tree of the current text, parsed now if it was released or edits wait."""
        tree = self._tree
        if tree is None:
            tree = self._tree = parse(self.source if self.parsed else b"", self.language)
        elif self._stale:
            self._stale = False
            old = tree
            tree = parse(self.source, self.language, old)
            changed_from = self._changed_from
            if self._settle_from is not None:
                # What the tree was parsed from is not exact either: what must be parsed again
                # reaches back to the first edit since the tree last was.
                changed_from = min(changed_from, self._settle_from)
            if not tree.root_node.has_error:
                # Text without an error has one tree, however much was reused to build it.
                self._settle_from = None
            elif self.deferred:
                self._settle_from = changed_from
            else:
                # Error recovery may take another path from an edited tree than from scratch (a
                # reused node after the error is one entry on the parse stack where a fresh parse
                # has its tokens), and the findings must be those of the text, not of its history.
                # So parse again reusing only what lies before the edits: the statements before
                # the one edited, parsed from the same text in the same context, come out the
                # same; everything from there to the end is parsed as a fresh parse would.
                tree = _reparse_tail(old, self.source, self.language, changed_from)
                self._settle_from = None
            self._tree = tree
        return tree

    @property
    def needs_settling(self) -> bool:
        """Whether the tree, kept from an edit that left a syntax error, may differ from a fresh
        parse of the text (see :meth:`settle`)."""
        return self._settle_from is not None

    def settle(self) -> bool:
        """Make a deferred tree a fresh parse's; whether there was anything to do.

        Parsed again reusing only the statements before the first edit since the tree was last
        exact, as an edit that leaves an error is parsed when not deferred.
        """
        settle_from = self._settle_from
        if settle_from is None:
            return False
        tree = self.tree  # any edit since is parsed first
        self._settle_from = None
        self._tree = _reparse_tail(tree, self.source, self.language, settle_from)
        return True

    @property
    def tree_is_current(self) -> bool:
        """Whether reading :attr:`tree` costs no parse."""
        return self._tree is not None and not self._stale

    @property
    def has_tree(self) -> bool:
        """Whether the tree is in memory (not released, or parsed again since)."""
        return self._tree is not None

    def release_tree(self) -> None:
        """Free the syntax tree until it is next needed (then it is parsed from the text again).

        The model builder's statement cache stays, so the next analysis still reuses the facts of
        every statement whose text did not change; what was worked out from them (answers and
        findings kept across edits) goes with the tree, and is worked out again when next needed.
        """
        self._tree = None
        self._stale = False
        self._settle_from = None  # the next read parses afresh
        self.statements.forget_answers()

    def set_language(self, language: LanguageId) -> None:
        if language != self.language:
            self.language = language
            self._tree = parse(self.source if self.parsed else b"", language)
            self._stale = False
            self._settle_from = None

    def set_parsed(self, parsed: bool) -> None:
        """Start (a full parse) or stop keeping the tree in step with the text."""
        if parsed != self.parsed:
            self.parsed = parsed
            self._tree = parse(self.source if parsed else b"", self.language)
            self._stale = False
            self._settle_from = None
            self.statements = StatementCache()
            self.edits.clear()

    def replace(self, source: bytes) -> None:
        """Replace the whole text (a full-sync change or a reload)."""
        self.apply_change(0, len(self.source), source)

    def apply_change(self, start: int, end: int, new: bytes) -> None:
        """Replace ``source[start:end]`` with ``new``; the next read of :attr:`tree` reparses."""
        old = self.source
        start = max(0, min(start, len(old)))
        end = max(start, min(end, len(old)))
        source = old[:start] + new + old[end:]
        new_end = start + len(new)
        self.edits.append((start, end, new_end))
        # An edit never moves the text before its start, so the least start of the edits since the
        # last parse bounds the text they left alone.
        self._changed_from = min(self._changed_from, start) if self._stale else start
        if not self.parsed:
            self.source = source
            self.lines = _edited_line_index(self.lines, source, start, end, new_end)
            return
        if self._tree is None:
            # Released: nothing to edit incrementally; the next reader parses the new text afresh.
            self.source = source
            self.lines = _edited_line_index(self.lines, source, start, end, new_end)
            return
        self._tree.edit(
            start_byte=start,
            old_end_byte=end,
            new_end_byte=new_end,
            start_point=tree_sitter_point(old, start),
            old_end_point=tree_sitter_point(old, end),
            new_end_point=tree_sitter_point(source, new_end),
        )
        self.source = source
        self._stale = True
        self.lines = _edited_line_index(self.lines, source, start, end, new_end)


# Nodes whose children are statements (or class members): a reparse starts at one of them.
_STATEMENT_LISTS = frozenset({"program", "statement_block", "class_body"})


def _reparse_tail(old: Tree, source: bytes, language: LanguageId, changed_from: int) -> Tree:
    """``source`` parsed reusing only the nodes of ``old`` (already edited) that end before the
    statement holding ``changed_from``, or before the statement before that one.

    Everything from there on must be parsed as a fresh parse would, so that error recovery sees
    tokens where a fresh parse sees them, while the untouched statements before it are pushed whole
    instead of parsed again. Marking the rest of the old tree as changed would do, but editing costs
    a copy of every node so marked, about as much as parsing them. Instead the old tree is told
    that a text longer than the whole new one was inserted there: its nodes after that point then
    start beyond the end of the text, where the parser never looks for a node to reuse, and the
    edit touches only the nodes on the way down to it.

    That holds only where ``old`` was parsed without error recovery: how a fresh parse recovers
    from an error can hang on text far after it (an unclosed backquote takes the next one as its
    end), so the reused part also stops before the first error of ``old``.
    """
    start = _statement_start(old, min(changed_from, _first_error(old)))
    start_point = tree_sitter_point(source, start)
    beyond = len(source) + 1
    old.edit(
        start_byte=start,
        old_end_byte=start,
        new_end_byte=start + beyond,
        start_point=start_point,
        old_end_point=start_point,
        new_end_point=(start_point[0] + source.count(b"\n") + 1, 0),
    )
    return parse(source, language, old)


def _statement_start(tree: Tree, offset: int) -> int:
    """Start of the statement before the innermost statement that holds ``offset`` strictly inside.

    The statement before is included because automatic semicolon insertion makes where it ends
    depend on the text after it. At the edge of a statement, or between two, the search stops at
    that level, which keeps a wider margin.
    """
    node = tree.root_node
    start = 0
    while True:
        child = _first_child_ending_after(node, offset)
        if node.type in _STATEMENT_LISTS or node.is_error:
            if child is not None and child.start_byte <= offset:
                holder: Node | None = child
            elif child is not None:
                holder = child.prev_sibling
            else:
                holder = node.child(node.child_count - 1) if node.child_count else None
            holder = _skip_comments(holder)
            if holder is None:
                return start if node.parent is None else node.start_byte
            before = _skip_comments(holder.prev_sibling)
            start = (before or holder).start_byte
            if not holder.start_byte < offset < holder.end_byte:
                return start
            node = holder
        elif child is not None and child.start_byte < offset:
            node = child
        else:
            return start


def _first_error(tree: Tree) -> int:
    """Start of the first ERROR or MISSING node of ``tree`` (its length if none)."""
    node = tree.root_node
    if not node.has_error:
        return node.end_byte
    cursor = node.walk()
    while not (node.is_error or node.is_missing) and cursor.goto_first_child():
        found = cursor.node
        while found is not None and not found.has_error and cursor.goto_next_sibling():
            found = cursor.node
        if found is None or not found.has_error:
            break
        node = found
    return node.start_byte


def _first_child_ending_after(node: Node, offset: int) -> Node | None:
    # Not ``Node.first_child_for_byte``: in py-tree-sitter 0.26 it crashes when there is no such child.
    cursor = node.walk()
    return cursor.node if cursor.goto_first_child_for_byte(offset) is not None else None


def _skip_comments(node: Node | None) -> Node | None:
    while node is not None and node.type == "comment":
        node = node.prev_sibling
    return node


def _edited_line_index(index: LineIndex, source: bytes, start: int, end: int, new_end: int) -> LineIndex:
    """The line index of ``source`` after one edit, recomputing only the lines the edit touched."""
    starts = index.starts
    delta = new_end - end
    # Back up one byte so that a "\n" typed after a lone "\r" (or a deleted "\n" of "\r\n")
    # re-joins or splits the break correctly; go forward one for the mirror case.
    lo = bisect.bisect_right(starts, max(0, start - 1)) - 1
    hi = bisect.bisect_right(starts, end + 1)
    region_start = starts[lo]
    region_end = (starts[hi] + delta) if hi < len(starts) else len(source)
    new_starts = starts[: lo + 1]
    new_starts.extend(
        region_start + m.end()
        for m in _LINE_BREAK.finditer(source[region_start:region_end])
        if region_start + m.end() < region_end or hi >= len(starts)
    )
    new_starts.extend(s + delta for s in starts[hi:])
    result = LineIndex.__new__(LineIndex)
    result.source = source
    result.starts = new_starts
    return result
