/* A text's part of the search index in one pass each, where Python's cost per word or
   passage was the floor (teiedition.publish.search: text_words, raw_pieces; pieces() is
   described where it is defined).

   postings(joined, passages, separators) -> str: ``joined`` is the text's passages,
   lower-cased, joined with NUL (which none holds); the result is text_words's lines before
   js_safe: one per three-character key, ``key TAB "word":[passages as differences],...``,
   the words in code point order. The same as the rule in Python (search._postings of
   search._passage_words), which stays the reference and the fallback (tested equal): a word
   is a run of characters that are not ``separators`` (search._WORD), its passages are those
   it occurs in, ascending, each written once. The separators are all in the BMP. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    Py_ssize_t start;   /* the word's first occurrence in ``joined`` */
    Py_ssize_t len;
    uint64_t hash;
    Py_ssize_t last;    /* the last passage it was seen in */
    Py_ssize_t *ns;     /* its passages */
    Py_ssize_t count, cap;
} Word;

typedef struct {
    int kind;
    const void *data;
} Text;

static Text g_text; /* for the comparator (qsort has no context argument) */

static int
word_cmp(const void *a, const void *b)
{
    const Word *x = *(const Word *const *)a, *y = *(const Word *const *)b;
    Py_ssize_t n = x->len < y->len ? x->len : y->len;
    if (g_text.kind == PyUnicode_1BYTE_KIND) {
        int c = memcmp((const Py_UCS1 *)g_text.data + x->start,
                       (const Py_UCS1 *)g_text.data + y->start, (size_t)n);
        if (c) return c;
    } else {
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_UCS4 p = PyUnicode_READ(g_text.kind, g_text.data, x->start + i);
            Py_UCS4 q = PyUnicode_READ(g_text.kind, g_text.data, y->start + i);
            if (p != q) return p < q ? -1 : 1;
        }
    }
    return (x->len > y->len) - (x->len < y->len);
}

/* A buffer of ``*cap`` items of ``item`` bytes made room for ``need`` items (the capacity
   doubled from ``first``): the buffer, moved or not; NULL (MemoryError set) when memory
   fails, the old buffer then still the caller's. For Out and Bytes alike. */
static void *
grow(void *buf, Py_ssize_t *cap, Py_ssize_t need, Py_ssize_t first, size_t item)
{
    Py_ssize_t c = *cap ? *cap : first;
    while (c < need) c *= 2;
    void *b = PyMem_Realloc(buf, (size_t)c * item);
    if (!b) { PyErr_NoMemory(); return NULL; }
    *cap = c;
    return b;
}

typedef struct {
    Py_UCS4 *buf;
    Py_ssize_t len, cap;
} Out;

static int
out_grow(Out *o, Py_ssize_t more)
{
    if (o->len + more <= o->cap) return 0;
    Py_UCS4 *b = grow(o->buf, &o->cap, o->len + more, 4096, sizeof(Py_UCS4));
    if (!b) return -1;
    o->buf = b;
    return 0;
}

static int
out_ascii(Out *o, const char *s, Py_ssize_t n)
{
    if (out_grow(o, n)) return -1;
    for (Py_ssize_t i = 0; i < n; i++) o->buf[o->len++] = (Py_UCS1)s[i];
    return 0;
}

static int
out_number(Out *o, Py_ssize_t v)
{
    char digits[24];
    int n = 0;
    do {  /* v >= 0: a passage number or a difference of two ascending ones */
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    if (out_grow(o, n)) return -1;
    while (n) o->buf[o->len++] = (Py_UCS1)digits[--n];
    return 0;
}

/* c as json.encoder.encode_basestring writes it inside a JSON string: the escape in esc
   and its length ('"' and '\' and the control characters), 0 where c is written as it is
   (the one rule for both functions' JSON) */
static int
json_escape(Py_UCS4 c, char esc[6])
{
    static const char hex[] = "0123456789abcdef";
    if (c >= 0x20 && c != '"' && c != '\\') return 0;
    esc[0] = '\\';
    switch (c) {
    case '"': case '\\': esc[1] = (char)c; return 2;
    case '\b': esc[1] = 'b'; return 2;
    case '\f': esc[1] = 'f'; return 2;
    case '\n': esc[1] = 'n'; return 2;
    case '\r': esc[1] = 'r'; return 2;
    case '\t': esc[1] = 't'; return 2;
    default:
        memcpy(esc + 1, "u00", 3);
        esc[4] = hex[c >> 4];
        esc[5] = hex[c & 15];
        return 6;
    }
}

/* the word as encode_basestring writes it: quoted, escaped (json_escape), the rest as it is */
static int
out_json(Out *o, const Text *t, Py_ssize_t start, Py_ssize_t len)
{
    if (out_grow(o, 6 * len + 2)) return -1;
    o->buf[o->len++] = '"';
    for (Py_ssize_t i = 0; i < len; i++) {
        Py_UCS4 c = PyUnicode_READ(t->kind, t->data, start + i);
        char esc[6];
        int e = json_escape(c, esc);
        if (!e)
            o->buf[o->len++] = c;
        for (int j = 0; j < e; j++)
            o->buf[o->len++] = (Py_UCS1)esc[j];
    }
    o->buf[o->len++] = '"';
    return 0;
}

static PyObject *
postings(PyObject *Py_UNUSED(self), PyObject *args)
{
    PyObject *joined, *separators;
    Py_ssize_t passages;
    if (!PyArg_ParseTuple(args, "UnU", &joined, &passages, &separators)) return NULL;
    Text t = {PyUnicode_KIND(joined), PyUnicode_DATA(joined)};
    Py_ssize_t n = PyUnicode_GET_LENGTH(joined);
    /* the separators and NUL, one bit each */
    static uint8_t sep[0x10000 / 8];
    memset(sep, 0, sizeof sep);
    sep[0] = 1;
    for (Py_ssize_t k = 0; k < PyUnicode_GET_LENGTH(separators); k++) {
        Py_UCS4 c = PyUnicode_READ_CHAR(separators, k);
        if (c > 0xFFFF) {
            PyErr_SetString(PyExc_ValueError, "a separator beyond the BMP");
            return NULL;
        }
        sep[c >> 3] |= (uint8_t)(1 << (c & 7));
    }
#define SEPARATES(c) ((c) <= 0xFFFF && (sep[(c) >> 3] >> ((c) & 7) & 1))

    Py_ssize_t mask = 1023, used = 0;
    Word **table = PyMem_Calloc((size_t)mask + 1, sizeof(Word *));
    Word **words = NULL;
    Out o = {NULL, 0, 0};
    PyObject *result = NULL;
    if (!table) return PyErr_NoMemory();

    Py_ssize_t passage = 0, i = 0;
    while (i < n) {
        Py_UCS4 c = PyUnicode_READ(t.kind, t.data, i);
        if (c == 0) { passage++; i++; continue; }
        if (SEPARATES(c)) { i++; continue; }
        Py_ssize_t start = i;
        uint64_t h = 1469598103934665603ULL;
        /* the word's end and hash, the text read at its width */
#define SCAN(TYPE) do { \
            const TYPE *d = (const TYPE *)t.data; \
            while (i < n && !SEPARATES(d[i])) { h = (h ^ d[i]) * 1099511628211ULL; i++; } \
        } while (0)
        if (t.kind == PyUnicode_1BYTE_KIND) SCAN(Py_UCS1);
        else if (t.kind == PyUnicode_2BYTE_KIND) SCAN(Py_UCS2);
        else SCAN(Py_UCS4);
#undef SCAN
        Py_ssize_t len = i - start;
        Py_ssize_t slot = (Py_ssize_t)(h & (uint64_t)mask);
        Word *w;
        for (;;) {
            w = table[slot];
            if (!w) break;
            if (w->hash == h && w->len == len) {
                Py_ssize_t k = 0;
                while (k < len && PyUnicode_READ(t.kind, t.data, w->start + k)
                                  == PyUnicode_READ(t.kind, t.data, start + k)) k++;
                if (k == len) break;
            }
            slot = (slot + 1) & mask;
        }
        if (!w) {
            w = PyMem_Calloc(1, sizeof(Word));
            if (!w) { PyErr_NoMemory(); goto done; }
            w->start = start;
            w->len = len;
            w->hash = h;
            w->last = -1;
            table[slot] = w;
            if (++used * 2 > mask) { /* grow: rehash every word */
                Py_ssize_t nmask = mask * 2 + 1;
                Word **nt = PyMem_Calloc((size_t)nmask + 1, sizeof(Word *));
                if (!nt) { PyErr_NoMemory(); goto done; }
                for (Py_ssize_t s = 0; s <= mask; s++) {
                    Word *x = table[s];
                    if (!x) continue;
                    Py_ssize_t d = (Py_ssize_t)(x->hash & (uint64_t)nmask);
                    while (nt[d]) d = (d + 1) & nmask;
                    nt[d] = x;
                }
                PyMem_Free(table);
                table = nt;
                mask = nmask;
            }
        }
        if (w->last != passage) {
            if (w->count == w->cap) {
                Py_ssize_t cap = w->cap ? w->cap * 2 : 4;
                Py_ssize_t *ns = PyMem_Realloc(w->ns, (size_t)cap * sizeof(Py_ssize_t));
                if (!ns) { PyErr_NoMemory(); goto done; }
                w->ns = ns;
                w->cap = cap;
            }
            w->ns[w->count++] = passage;
            w->last = passage;
        }
    }
    if (passage + 1 != passages) {
        PyErr_Format(PyExc_ValueError, "%zd passages in the text, %zd expected",
                     passage + 1, passages);
        goto done;
    }

    words = PyMem_Malloc((size_t)(used ? used : 1) * sizeof(Word *));
    if (!words) { PyErr_NoMemory(); goto done; }
    Py_ssize_t m = 0;
    for (Py_ssize_t s = 0; s <= mask; s++)
        if (table[s]) words[m++] = table[s];
    g_text = t;
    qsort(words, (size_t)m, sizeof(Word *), word_cmp);

    Py_ssize_t key_start = 0, key_len = -1;
    for (Py_ssize_t k = 0; k < m; k++) {
        Word *w = words[k];
        Py_ssize_t kl = w->len < 3 ? w->len : 3;
        int same = kl == key_len;
        for (Py_ssize_t j = 0; same && j < kl; j++)
            same = PyUnicode_READ(t.kind, t.data, w->start + j)
                   == PyUnicode_READ(t.kind, t.data, key_start + j);
        if (!same) {  /* a new key: a new line */
            if (key_len >= 0 && out_ascii(&o, "\n", 1)) goto done;
            if (out_grow(&o, kl + 1)) goto done;
            for (Py_ssize_t j = 0; j < kl; j++)
                o.buf[o.len++] = PyUnicode_READ(t.kind, t.data, w->start + j);
            o.buf[o.len++] = '\t';
            key_start = w->start;
            key_len = kl;
        } else if (out_ascii(&o, ",", 1)) {
            goto done;
        }
        if (out_json(&o, &t, w->start, w->len) || out_ascii(&o, ":[", 2)) goto done;
        Py_ssize_t before = 0;
        for (Py_ssize_t j = 0; j < w->count; j++) {
            if (j && out_ascii(&o, ",", 1)) goto done;
            if (out_number(&o, w->ns[j] - before)) goto done;
            before = w->ns[j];
        }
        if (out_ascii(&o, "]", 1)) goto done;
    }
    result = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, o.buf ? o.buf : (Py_UCS4 *)"",
                                       o.len);
done:
    for (Py_ssize_t s = 0; s <= mask; s++) {
        if (table[s]) {
            PyMem_Free(table[s]->ns);
            PyMem_Free(table[s]);
        }
    }
    PyMem_Free(table);
    PyMem_Free(words);
    PyMem_Free(o.buf);
    return result;
}


/* ---- the passages as the chunks hold them (search.encoded_pieces of normalised text) ---- */

typedef struct {
    char *buf;
    Py_ssize_t len, cap;
} Bytes;

static int
bytes_grow(Bytes *b, Py_ssize_t more)
{
    if (b->len + more <= b->cap) return 0;
    char *n = grow(b->buf, &b->cap, b->len + more, 65536, 1);
    if (!n) return -1;
    b->buf = n;
    return 0;
}

/* one code point as UTF-8 (room for 4 bytes made by the caller) */
static void
put_utf8(Bytes *b, Py_UCS4 c)
{
    char *o = b->buf + b->len;
    if (c < 0x80) { o[0] = (char)c; b->len += 1; }
    else if (c < 0x800) { o[0] = (char)(0xC0 | c >> 6); o[1] = (char)(0x80 | (c & 0x3F)); b->len += 2; }
    else if (c < 0x10000) {
        o[0] = (char)(0xE0 | c >> 12); o[1] = (char)(0x80 | (c >> 6 & 0x3F));
        o[2] = (char)(0x80 | (c & 0x3F)); b->len += 3;
    } else {
        o[0] = (char)(0xF0 | c >> 18); o[1] = (char)(0x80 | (c >> 12 & 0x3F));
        o[2] = (char)(0x80 | (c >> 6 & 0x3F)); o[3] = (char)(0x80 | (c & 0x3F)); b->len += 4;
    }
}

/* c as encode_basestring writes it inside a JSON string, then as js_safe leaves it
   (U+2028, U+2029 escaped; '/' after '<' escaped): its characters before js_safe are counted
   in *chars; -1 for a surrogate (which UTF-8 cannot hold: the caller lets Python fail) */
static int
put_json_char(Bytes *b, Py_UCS4 c, Py_UCS4 before, Py_ssize_t *chars)
{
    if (bytes_grow(b, 8)) return -2;
    if (c >= 0xD800 && c <= 0xDFFF) return -1;
    char esc[6];
    int e = json_escape(c, esc);
    if (e) {
        memcpy(b->buf + b->len, esc, (size_t)e); b->len += e; *chars += e;
    } else if (c == 0x2028 || c == 0x2029) {
        memcpy(b->buf + b->len, c == 0x2028 ? "\\u2028" : "\\u2029", 6); b->len += 6;
        *chars += 1;
    } else if (c == '/' && before == '<') {
        b->buf[b->len++] = '\\'; b->buf[b->len++] = '/'; *chars += 1;
    } else {
        put_utf8(b, c);
        *chars += 1;
    }
    return 0;
}

static int
is_xml_space(Py_UCS4 c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* pieces(anchors, texts, count) -> (bytes, lengths) | None: ``anchors`` and ``texts`` each
   ``count`` strings joined with NUL (which none holds), the texts as raw_search_texts gives
   them; the result is encoded_pieces(anchors, normalize_spaces(texts)): each piece
   ``"anchor","text"]``, the text's white space normalised as normalize-space() does
   (space, tab, line ends), made safe for a script and UTF-8, one a line, and each piece's
   length in characters before js_safe (native unsigned ints: array("I")). None where the
   text holds a surrogate (Python then raises the error UTF-8 gives). */
static PyObject *
pieces(PyObject *Py_UNUSED(self), PyObject *args)
{
    PyObject *anchors, *texts;
    Py_ssize_t count;
    if (!PyArg_ParseTuple(args, "UUn", &anchors, &texts, &count)) return NULL;
    int ak = PyUnicode_KIND(anchors), tk = PyUnicode_KIND(texts);
    const void *ad = PyUnicode_DATA(anchors), *td = PyUnicode_DATA(texts);
    Py_ssize_t an = PyUnicode_GET_LENGTH(anchors), tn = PyUnicode_GET_LENGTH(texts);
    Bytes out = {NULL, 0, 0}, lens = {NULL, 0, 0};
    PyObject *result = NULL;
    Py_ssize_t ai = 0, ti = 0;
    for (Py_ssize_t k = 0; k < count; k++) {
        Py_ssize_t chars = 6;  /* the quotes, the comma and the bracket */
        int r;
        if (k && (bytes_grow(&out, 1) || (out.buf[out.len++] = '\n', 0))) goto done;
        if (bytes_grow(&out, 1)) goto done;
        out.buf[out.len++] = '"';
        Py_UCS4 before = 0;
        for (; ai < an; ai++) {
            Py_UCS4 c = PyUnicode_READ(ak, ad, ai);
            if (c == 0) break;
            if ((r = put_json_char(&out, c, before, &chars))) goto failed;
            before = c;
        }
        ai++;
        if (bytes_grow(&out, 3)) goto done;
        memcpy(out.buf + out.len, "\",\"", 3); out.len += 3;
        before = 0;
        int space = 0, begun = 0;
        for (; ti < tn; ti++) {
            Py_UCS4 c = PyUnicode_READ(tk, td, ti);
            if (c == 0) break;
            if (is_xml_space(c)) { space = begun; continue; }
            if (space) {
                if ((r = put_json_char(&out, ' ', before, &chars))) goto failed;
                before = ' ';
                space = 0;
            }
            if ((r = put_json_char(&out, c, before, &chars))) goto failed;
            before = c;
            begun = 1;
        }
        ti++;
        if (bytes_grow(&out, 2)) goto done;
        out.buf[out.len++] = '"';
        out.buf[out.len++] = ']';
        if (bytes_grow(&lens, sizeof(unsigned int))) goto done;
        unsigned int u = (unsigned int)chars;
        memcpy(lens.buf + lens.len, &u, sizeof u);
        lens.len += sizeof u;
        continue;
    failed:
        if (r == -1) { result = Py_NewRef(Py_None); }
        goto done;
    }
    /* each string read to its end, none beyond: ``count`` pieces each, no more, no fewer
       (with fewer, the last pieces would be read as empty) */
    Py_ssize_t end = count > 0;
    if (ai != an + end || ti != tn + end) {
        PyErr_SetString(PyExc_ValueError, "the anchors or passages are not as many as counted");
        goto done;
    }
    result = Py_BuildValue("(y#y#)", out.buf ? out.buf : "", out.len,
                           lens.buf ? lens.buf : "", lens.len);
done:
    PyMem_Free(out.buf);
    PyMem_Free(lens.buf);
    return result;
}

static PyMethodDef methods[] = {
    {"postings", postings, METH_VARARGS,
     "postings(joined, passages, separators): text_words's lines before js_safe."},
    {"pieces", pieces, METH_VARARGS,
     "pieces(anchors, texts, count): encoded_pieces of the texts normalised, or None."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_words",
    "A text's search words and passages in one pass (search.text_words, raw_pieces).", -1,
    methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__words(void)
{
    return PyModule_Create(&module);
}
