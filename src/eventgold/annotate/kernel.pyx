# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""The token loops of the pre-annotation hot path in C (the compiled build).

- :class:`Kernel`: the rule index's per-doc loop (anchor hits, windows, compiled-pattern
  matching), the same results as the Python loop of
  :meth:`eventgold.annotate.index.RuleIndex.__call__`. That loop spends its time building
  Python ints, tuples and sets for every test; this one reads the column values where
  :class:`~eventgold.annotate.patterns.Columns` keeps them (token lists, word rows) as borrowed
  references and tests them against the patterns' own frozensets, so a test costs a hash
  lookup and nothing is allocated but the matches.
- :func:`sentence_bounds`, :func:`sentence_starts`: sentence bounds from ``SENT_START`` and the
  sentence splitter's starts.
- :class:`LemmaTable`: the lookup lemmatizer's table as a C hash table.
- :func:`doc_array`, :func:`doc_set`: ``Doc.to_array`` and ``Doc.from_array`` for the
  attributes the hot path reads and writes, on spaCy's token structs (cimported: valid for the
  spaCy version it was compiled against, see :data:`SPACY_BUILT_WITH`).

Each has a Python reference that stays the fallback when this extension is not built. Built by
``make compiled`` (``tools/build_compiled.py``, ``tools/kernel_build_hook.py``);
``tests/annotate/test_kernel.py`` checks every one against its reference.
"""

from cpython.dict cimport PyDict_GetItem
from cpython.list cimport PyList_GET_ITEM, PyList_GET_SIZE
from cpython.object cimport PyObject
from cpython.set cimport PySet_Contains
from cpython.tuple cimport PyTuple_GET_ITEM
from libc.stdint cimport int64_t, uint64_t
from libc.stdlib cimport calloc, free, malloc, realloc
from spacy.attrs cimport ENT_IOB, ENT_TYPE, IDX, IS_SPACE, LEMMA, LOWER, ORTH, POS, SENT_START
from spacy.structs cimport TokenC
from spacy.tokens.doc cimport Doc

import numpy as np

cdef extern from *:
    """
    #ifndef EVENTGOLD_SPACY_VERSION
    #define EVENTGOLD_SPACY_VERSION ""
    #endif
    """
    const char* EVENTGOLD_SPACY_VERSION

# The spaCy version whose token structs doc_array was compiled against (set by the build).
SPACY_BUILT_WITH = EVENTGOLD_SPACY_VERSION.decode("ascii")

# The numbering of eventgold.annotate.patterns (quantifiers) and eventgold.annotate.index
# (how a pattern uses its anchor hits; how a value is tested).
cdef enum:
    ONE = 0
    ZERO_ONE = 1
    ZERO_PLUS = 2
    NOT = 3
cdef enum:
    HITS_ARE_ANCHORS = 0
    HITS_CONTAIN_ANCHORS = 1
    SCAN_WINDOW = 2
cdef enum:
    IN_SET = 0
    NOT_IN_SET = 1
    CALL = 2
TEST_IN_SET, TEST_NOT_IN_SET, TEST_CALL = IN_SET, NOT_IN_SET, CALL  # for the Python side
QUANTIFIERS = (ONE, ZERO_ONE, ZERO_PLUS, NOT)
ANCHOR_USES = (HITS_ARE_ANCHORS, HITS_CONTAIN_ANCHORS, SCAN_WINDOW)


cdef struct Source:
    PyObject** columns  # column -> its token list (token-level columns), else NULL
    Py_ssize_t* row_place  # column -> its place in a word row, or -1
    PyObject* rows  # list of word rows (tuples), one per token


cdef inline PyObject* value_at(Source* src, Py_ssize_t k, Py_ssize_t i):
    cdef Py_ssize_t place = src.row_place[k]
    if place >= 0:
        return PyTuple_GET_ITEM(<object>PyList_GET_ITEM(<object>src.rows, i), place)
    return PyList_GET_ITEM(<object>src.columns[k], i)


cdef struct Buffers:
    unsigned char* ends
    unsigned char* starts
    unsigned char* scratch
    Py_ssize_t size


cdef int reserve(Buffers* buf, Py_ssize_t size) noexcept:
    if size <= buf.size:
        return 0
    cdef Py_ssize_t want = max(size, 2 * buf.size, 64)
    cdef void* ends = realloc(buf.ends, want)
    if ends == NULL:
        return -1
    buf.ends = <unsigned char*>ends
    cdef void* starts = realloc(buf.starts, want)
    if starts == NULL:
        return -1
    buf.starts = <unsigned char*>starts
    cdef void* scratch = realloc(buf.scratch, want)
    if scratch == NULL:
        return -1
    buf.scratch = <unsigned char*>scratch
    buf.size = want
    return 0


cdef class TokenTest:
    """All value tests of one pattern token; a token passes when every one does."""

    cdef Py_ssize_t n
    cdef Py_ssize_t* columns
    cdef int* kinds
    cdef tuple objects  # frozenset (IN_SET, NOT_IN_SET) or a callable value -> bool (CALL)

    def __cinit__(self, parts):
        self.n = len(parts)
        self.columns = <Py_ssize_t*>malloc(max(self.n, 1) * sizeof(Py_ssize_t))
        self.kinds = <int*>malloc(max(self.n, 1) * sizeof(int))
        if self.columns == NULL or self.kinds == NULL:
            raise MemoryError()
        objects = []
        for j, (column, kind, obj) in enumerate(parts):
            self.columns[j], self.kinds[j] = column, kind
            objects.append(obj)
        self.objects = tuple(objects)

    def __dealloc__(self):
        free(self.columns)
        free(self.kinds)

    cdef bint passes(self, Source* src, Py_ssize_t i) except -1:
        cdef Py_ssize_t j
        cdef PyObject* value
        cdef int kind
        for j in range(self.n):
            value = value_at(src, self.columns[j], i)
            kind = self.kinds[j]
            if kind == IN_SET:
                if not PySet_Contains(<object>PyTuple_GET_ITEM(self.objects, j), <object>value):
                    return False
            elif kind == NOT_IN_SET:
                if PySet_Contains(<object>PyTuple_GET_ITEM(self.objects, j), <object>value):
                    return False
            elif not (<object>PyTuple_GET_ITEM(self.objects, j))(<object>value):
                return False
        return True


cdef class Pattern:
    """A compiled pattern: expanded elements (quantifier, token test) and its anchor element."""

    cdef str rule_id
    cdef Py_ssize_t size, anchor
    cdef int use
    cdef bint fixed
    cdef int* quantifiers
    cdef list tests  # TokenTest per element

    def __cinit__(self, str rule_id, list elements, Py_ssize_t anchor, int use):
        self.rule_id, self.anchor, self.use = rule_id, anchor, use
        self.size = len(elements)
        self.quantifiers = <int*>malloc(max(self.size, 1) * sizeof(int))
        if self.quantifiers == NULL:
            raise MemoryError()
        self.tests = []
        self.fixed = True
        for j, (quantifier, test) in enumerate(elements):
            self.quantifiers[j] = quantifier
            self.fixed = self.fixed and quantifier == ONE
            self.tests.append(test)

    def __dealloc__(self):
        free(self.quantifiers)

    cdef int match_at(
        self, Source* src, Py_ssize_t t, Py_ssize_t lo, Py_ssize_t hi, Buffers* buf, set found
    ) except -1:
        """Add every match in [lo, hi) whose anchor element is at token ``t``."""
        cdef Py_ssize_t start, j, p, width
        cdef TokenTest test
        cdef unsigned char* ends
        cdef unsigned char* starts
        if self.fixed:
            start = t - self.anchor
            if start < lo or start + self.size > hi:
                return 0
            for j in range(self.size):
                if j != self.anchor:
                    test = <TokenTest>PyList_GET_ITEM(self.tests, j)
                    if not test.passes(src, start + j):
                        return 0
            found.add((self.rule_id, start, start + self.size))
            return 0
        width = hi - lo + 1  # positions lo..hi
        if reserve(buf, width) < 0:
            raise MemoryError()
        ends, starts = buf.ends, buf.starts
        for p in range(width):
            ends[p] = 0
            starts[p] = 0
        ends[t + 1 - lo] = 1
        for j in range(self.anchor + 1, self.size):
            test = <TokenTest>PyList_GET_ITEM(self.tests, j)
            if not extend(self.quantifiers[j], test, src, ends, buf.scratch, lo, hi, 1):
                return 0
        starts[t - lo] = 1
        for j in range(self.anchor - 1, -1, -1):
            test = <TokenTest>PyList_GET_ITEM(self.tests, j)
            if not extend(self.quantifiers[j], test, src, starts, buf.scratch, lo, hi, -1):
                return 0
        for start in range(lo, hi + 1):
            if starts[start - lo]:
                for p in range(lo, hi + 1):
                    if ends[p - lo]:
                        found.add((self.rule_id, start, p))
        return 0

    cdef int match_window(
        self, Source* src, Py_ssize_t lo, Py_ssize_t hi, list hits, Buffers* buf, set found
    ) except -1:
        cdef TokenTest anchor_test = <TokenTest>PyList_GET_ITEM(self.tests, self.anchor)
        cdef Py_ssize_t t, k
        if self.use == SCAN_WINDOW:
            for t in range(lo, hi):
                if anchor_test.passes(src, t):
                    self.match_at(src, t, lo, hi, buf, found)
            return 0
        for k in range(PyList_GET_SIZE(hits)):
            t = <object>PyList_GET_ITEM(hits, k)
            if self.use == HITS_ARE_ANCHORS or anchor_test.passes(src, t):
                self.match_at(src, t, lo, hi, buf, found)
        return 0


cdef bint extend(
    int quantifier, TokenTest test, Source* src, unsigned char* positions,
    unsigned char* scratch, Py_ssize_t lo, Py_ssize_t hi, int direction
) except -1:
    """Positions after matching one element: next-token positions reading rightwards
    (``direction`` 1, patterns._forward) or first-token positions reading leftwards (-1,
    patterns._backward). False when none is left."""
    cdef Py_ssize_t k, p, q, token, width = hi - lo + 1
    cdef bint any_left = False
    if quantifier != ZERO_PLUS:
        for p in range(width):
            scratch[p] = positions[p] if quantifier == ZERO_ONE else 0
    # In the direction of travel, each move from position p to q reads the token between them,
    # so a ZERO_PLUS step extends what the step before it reached.
    for k in range(width - 1):
        p = lo + k if direction > 0 else hi - k
        q = p + direction
        token = p if direction > 0 else q
        if not positions[p - lo]:
            continue
        if quantifier == ZERO_PLUS:
            if test.passes(src, token):
                positions[q - lo] = 1
        elif test.passes(src, token) != (quantifier == NOT):
            scratch[q - lo] = 1
    if quantifier == ZERO_PLUS:
        return True  # the positions it started from stay
    for p in range(width):
        positions[p] = scratch[p]
        any_left = any_left or scratch[p]
    return any_left


cdef class Group:
    """Rules sharing one anchor (index._Group): single-token rules and compiled patterns."""

    cdef Py_ssize_t before, after
    cdef tuple direct  # rule ids whose anchor hits are their matches
    cdef list patterns  # Pattern

    def __cinit__(self, Py_ssize_t before, Py_ssize_t after, tuple direct, list patterns):
        self.before, self.after, self.direct, self.patterns = before, after, direct, patterns


cdef class Kernel:
    """The groups and anchor tables of one RuleIndex, matched on a doc's columns."""

    cdef list groups  # Group, by group index
    cdef list anchors  # (column, {value: [group index, ...]})
    cdef list everywhere  # Pattern (SCAN_WINDOW) without an anchor: matched over the whole doc
    cdef Py_ssize_t n_columns
    cdef Buffers buf

    def __cinit__(self, list groups, list anchors, list everywhere, Py_ssize_t n_columns):
        self.groups, self.anchors, self.everywhere = groups, anchors, everywhere
        self.n_columns = n_columns
        self.buf.ends = self.buf.starts = self.buf.scratch = NULL
        self.buf.size = 0

    def __dealloc__(self):
        free(self.buf.ends)
        free(self.buf.starts)
        free(self.buf.scratch)

    def match(
        self, list values, list rows, dict row_place, list sentence_of, list starts, list ends,
        set found
    ):
        """Add (rule id, start, end) of every match on a doc to ``found``.

        ``values``: the doc's columns (token-level ones as lists; word-type ones may be
        unbuilt); ``rows``: each token's word row; ``row_place``: word-type column -> its
        place in a row; the sentence lists as in :class:`~eventgold.annotate.patterns.Sentences`.
        """
        cdef Py_ssize_t n = PyList_GET_SIZE(sentence_of)
        cdef Py_ssize_t k, i, g, j, count = PyList_GET_SIZE(values)
        cdef Source src
        cdef PyObject* found_groups
        cdef list hits = [None] * PyList_GET_SIZE(self.groups)
        cdef list tokens, window
        cdef Group group
        if count < self.n_columns:
            raise ValueError("the columns were read by another column set")
        src.columns = <PyObject**>malloc(max(count, 1) * sizeof(PyObject*))
        src.row_place = <Py_ssize_t*>malloc(max(count, 1) * sizeof(Py_ssize_t))
        if src.columns == NULL or src.row_place == NULL:
            free(src.columns)
            free(src.row_place)
            raise MemoryError()
        try:
            for k in range(count):
                place = row_place.get(k)
                src.row_place[k] = -1 if place is None else place
                src.columns[k] = PyList_GET_ITEM(values, k)
                if place is None and PyList_GET_SIZE(values[k]) != n:
                    raise ValueError(f"column {k} has not been read")
            src.rows = <PyObject*>rows
            for j in range(PyList_GET_SIZE(self.everywhere)):
                (<Pattern>PyList_GET_ITEM(self.everywhere, j)).match_window(
                    &src, 0, n, None, &self.buf, found
                )
            for column, table in self.anchors:
                k = column
                for i in range(n):
                    found_groups = PyDict_GetItem(table, <object>value_at(&src, k, i))
                    if found_groups == NULL:
                        continue
                    for g in (<object>found_groups):
                        tokens = hits[g]
                        if tokens is None:
                            hits[g] = [i]
                        else:
                            tokens.append(i)
            for g in range(PyList_GET_SIZE(hits)):
                tokens = hits[g]
                if tokens is None:
                    continue
                group = <Group>PyList_GET_ITEM(self.groups, g)
                for rule_id in group.direct:
                    for i in tokens:
                        found.add((rule_id, i, i + 1))
                if group.patterns:
                    self._match_group(&src, group, tokens, sentence_of, starts, ends, found)
        finally:
            free(src.columns)
            free(src.row_place)

    cdef int _match_group(
        self, Source* src, Group group, list tokens, list sentence_of, list starts, list ends,
        set found
    ) except -1:
        """Merged windows around the hits, clipped to their sentences (index._windows), each
        matched by every pattern of the group."""
        cdef Py_ssize_t token, s, s_lo, s_hi, lo, hi, last_lo = -1, last_hi = -1, k
        cdef list window_hits = None
        for k in range(PyList_GET_SIZE(tokens)):
            token = <object>PyList_GET_ITEM(tokens, k)
            s = <object>PyList_GET_ITEM(sentence_of, token)
            s_lo = <object>PyList_GET_ITEM(starts, s)
            s_hi = <object>PyList_GET_ITEM(ends, s)
            lo = max(s_lo, token - group.before)
            hi = min(s_hi, token + group.after + 1)
            if window_hits is not None and lo <= last_hi and s_lo <= last_lo:
                last_hi = max(last_hi, hi)
                window_hits.append(token)
                continue
            if window_hits is not None:
                self._match_patterns(src, group, last_lo, last_hi, window_hits, found)
            last_lo, last_hi, window_hits = lo, hi, [token]
        if window_hits is not None:
            self._match_patterns(src, group, last_lo, last_hi, window_hits, found)
        return 0

    cdef int _match_patterns(
        self, Source* src, Group group, Py_ssize_t lo, Py_ssize_t hi, list window_hits,
        set found
    ) except -1:
        cdef Py_ssize_t j
        for j in range(PyList_GET_SIZE(group.patterns)):
            (<Pattern>PyList_GET_ITEM(group.patterns, j)).match_window(
                src, lo, hi, window_hits, &self.buf, found
            )
        return 0


def sentence_bounds(list sent_start):
    """(starts, ends, sentence_of) of :class:`~eventgold.annotate.patterns.Sentences` from a
    doc's ``SENT_START`` column as read (1: a sentence starts here; the first token always
    starts one)."""
    cdef Py_ssize_t n = PyList_GET_SIZE(sent_start), i, k = -1
    cdef list starts = [], sentence_of = [None] * n
    cdef object number = None
    for i in range(n):
        if i == 0 or (<object>PyList_GET_ITEM(sent_start, i)) == 1:
            k += 1
            starts.append(i)
            number = k
        sentence_of[i] = number
    ends = starts[1:]
    if n:
        ends.append(n)
    return starts, ends, sentence_of


# --- whole-doc token loops of the pipeline components -----------------------------------------

NOT_START = 0xFFFFFFFFFFFFFFFF  # SENT_START -1 ("not a start") as a uint64 doc array holds it


cdef inline bint in_small(const uint64_t[:] values, uint64_t value) noexcept:
    cdef Py_ssize_t k
    for k in range(values.shape[0]):
        if values[k] == value:
            return True
    return False


def sentence_starts(const uint64_t[:, :] orth_space, const uint64_t[:] ends,
                    const uint64_t[:] trailing, object has_line_break):
    """``SENT_START`` values (1: starts a sentence, else the "not a start" value) of
    :class:`~eventgold.annotate.sentences.SentenceSplitter`, from ``Doc.to_array([ORTH,
    IS_SPACE])``: after an end (``ends``) and the trailing punctuation that follows it, and
    after a whitespace token for which ``has_line_break(orth)`` is true."""
    cdef Py_ssize_t n = orth_space.shape[0], i, j
    flags = np.full(n, NOT_START, dtype=np.uint64)
    cdef uint64_t[:] out = flags
    if n:
        out[0] = 1
    for i in range(n):
        if in_small(ends, orth_space[i, 0]):
            j = i + 1
            while j < n and in_small(trailing, orth_space[j, 0]):
                j += 1
            if j < n:
                out[j] = 1
        if orth_space[i, 1] == 1 and i + 1 < n and has_line_break(orth_space[i, 0]):
            out[i + 1] = 1
    return flags


cdef class LemmaTable:
    """word hash -> lemma hash as an open-addressing table (the keys are hashes already, so
    their low bits are the slot); :meth:`lemmas` maps a doc's ``LOWER`` column without a
    Python int per token. Words not in the table keep their form."""

    cdef uint64_t* keys
    cdef uint64_t* values
    cdef uint64_t mask
    cdef bint has_zero
    cdef uint64_t zero_value  # key 0 marks an empty slot; the word with hash 0 lives here

    def __cinit__(self, dict lemma_of):
        cdef uint64_t size = 16, key, slot
        while size < 2 * len(lemma_of):
            size *= 2
        self.keys = <uint64_t*>calloc(size, sizeof(uint64_t))
        self.values = <uint64_t*>calloc(size, sizeof(uint64_t))
        if self.keys == NULL or self.values == NULL:
            raise MemoryError()
        self.mask = size - 1
        for word, lemma in lemma_of.items():
            key = word
            if key == 0:
                self.has_zero, self.zero_value = True, lemma
                continue
            slot = key & self.mask
            while self.keys[slot] != 0 and self.keys[slot] != key:
                slot = (slot + 1) & self.mask
            self.keys[slot], self.values[slot] = key, lemma

    def __dealloc__(self):
        free(self.keys)
        free(self.values)

    cdef inline uint64_t get(self, uint64_t key) noexcept:
        cdef uint64_t slot
        if key == 0:
            return self.zero_value if self.has_zero else 0
        slot = key & self.mask
        while self.keys[slot] != 0:
            if self.keys[slot] == key:
                return self.values[slot]
            slot = (slot + 1) & self.mask
        return key

    def lemmas(self, const uint64_t[:] lowers):
        """The lemma of each word of ``lowers`` (a doc's ``LOWER`` column), as uint64."""
        cdef Py_ssize_t n = lowers.shape[0], i
        result = np.empty(n, dtype=np.uint64)
        cdef uint64_t[:] out = result
        for i in range(n):
            out[i] = self.get(lowers[i])
        return result


# --- token attributes straight from the token structs -------------------------------------------

READABLE = frozenset([ORTH, LOWER, LEMMA, IDX, SENT_START, ENT_TYPE, POS, IS_SPACE])
cdef enum:
    MAX_ATTRS = 64


def doc_array(Doc doc, list attrs):
    """``doc.to_array(attrs)`` as a 2-D uint64 array, read from the doc's token structs; None
    when an attribute is not in :data:`READABLE`.

    spaCy's ``to_array`` makes a function call per cell that takes and releases the GIL; this
    reads the fields. Only valid for the spaCy version of :data:`SPACY_BUILT_WITH` (the
    struct layout): :func:`eventgold.annotate.patterns.doc_array` checks it.
    """
    cdef Py_ssize_t n = doc.length, k = len(attrs), i, j
    cdef int ids[MAX_ATTRS]
    if k > MAX_ATTRS:
        return None
    for j in range(k):
        if attrs[j] not in READABLE:
            return None
        ids[j] = attrs[j]
    result = np.empty((n, k), dtype=np.uint64)
    if n == 0 or k == 0:
        return result
    cdef uint64_t[:, ::1] out = result
    cdef const TokenC* token
    cdef int feature
    for i in range(n):
        token = &doc.c[i]
        for j in range(k):
            feature = ids[j]
            if feature == ORTH:
                out[i, j] = token.lex.orth
            elif feature == LOWER:
                out[i, j] = token.lex.lower
            elif feature == LEMMA:
                out[i, j] = token.lemma
            elif feature == IDX:
                out[i, j] = <uint64_t>token.idx
            elif feature == SENT_START:
                out[i, j] = <uint64_t><int64_t>token.sent_start  # -1 as spaCy's arrays hold it
            elif feature == ENT_TYPE:
                out[i, j] = token.ent_type
            elif feature == POS:
                out[i, j] = token.pos
            else:  # IS_SPACE, a lexeme flag
                out[i, j] = (token.lex.flags >> IS_SPACE) & 1
    return result


WRITABLE = frozenset([LEMMA, SENT_START, ENT_IOB, ENT_TYPE])


def doc_set(Doc doc, list attrs, const uint64_t[:, :] values):
    """``doc.from_array(attrs, values)`` written into the doc's token structs (what spaCy's
    ``Token.set_struct_attr`` does for these attributes); False, with nothing written, when an
    attribute is not in :data:`WRITABLE` or a value is one ``from_array`` would refuse."""
    cdef Py_ssize_t n = doc.length, k = len(attrs), i, j
    cdef int ids[MAX_ATTRS]
    if k > MAX_ATTRS or values.shape[0] != n or values.shape[1] != k:
        return False
    for j in range(k):
        if attrs[j] not in WRITABLE:
            return False
        ids[j] = attrs[j]
        if ids[j] == ENT_IOB:
            for i in range(n):
                if values[i, j] > 3:  # the IOB codes: "", I, O, B
                    return False
    cdef TokenC* token
    for i in range(n):
        token = &doc.c[i]
        for j in range(k):
            if ids[j] == LEMMA:
                token.lemma = values[i, j]
            elif ids[j] == SENT_START:
                token.sent_start = <int>values[i, j]
            elif ids[j] == ENT_IOB:
                token.ent_iob = <int>values[i, j]
            else:
                token.ent_type = values[i, j]
    return True
