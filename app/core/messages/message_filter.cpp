#include "messages/message_filter.h"

#include <QObject>
#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cstring>
#include <simdjson.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace kafkascope {

namespace {

// The ASCII letters folded to lower case, every other byte as it is.
constexpr std::array<uchar, 256> kAsciiFold = [] {
    std::array<uchar, 256> t{};
    for (int i = 0; i < 256; ++i)
        t[size_t(i)] = uchar(i >= 'A' && i <= 'Z' ? i + 32 : i);
    return t;
}();

// Looks for a lower-case ASCII needle in `data`, ignoring ASCII case, and says whether any
// byte is not ASCII. A hit is a hit for QString's case-insensitive contains() too; a miss
// is only final for pure ASCII (Unicode folding maps a few letters, such as the Kelvin sign,
// onto ASCII ones), which is nearly every payload and spares decoding each one into UTF-16.
// Candidates are found 16 bytes at a time where the needle's first and last bytes both fit
// (the filter scan spent most of its own time in a byte-at-a-time loop here).
bool asciiContainsFolded(const char *data, qsizetype len, const QByteArray &needle, bool *nonAscii)
{
    const auto *h = reinterpret_cast<const uchar *>(data);
    const auto *n = reinterpret_cast<const uchar *>(needle.constData());
    const qsizetype m = needle.size();
    auto matchesAt = [&](qsizetype i) {
        for (qsizetype k = 0; k < m; ++k)
            if (kAsciiFold[h[i + k]] != n[k])
                return false;
        return true;
    };
    qsizetype i = 0;
    uchar high = 0;
#if defined(__SSE2__)
    // A lower-case letter of the needle also takes its upper case: OR-ing 0x20 into the
    // haystack maps exactly 'A'-'Z' and 'a'-'z' onto 'a'-'z'. Other bytes compare as they are.
    auto foldMask = [](uchar c) { return _mm_set1_epi8(char(c >= 'a' && c <= 'z' ? 0x20 : 0)); };
    const __m128i first = _mm_set1_epi8(char(n[0])), last = _mm_set1_epi8(char(n[m - 1]));
    const __m128i firstFold = foldMask(n[0]), lastFold = foldMask(n[m - 1]);
    __m128i seen = _mm_setzero_si128();
    for (; i + m - 1 + 16 <= len; i += 16) {
        const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i *>(h + i));
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i *>(h + i + m - 1));
        seen = _mm_or_si128(seen, a);
        const __m128i hits = _mm_and_si128(_mm_cmpeq_epi8(_mm_or_si128(a, firstFold), first),
                                           _mm_cmpeq_epi8(_mm_or_si128(b, lastFold), last));
        for (auto mask = unsigned(_mm_movemask_epi8(hits)); mask != 0; mask &= mask - 1)
            if (matchesAt(i + std::countr_zero(mask)))
                return true;
    }
    if (_mm_movemask_epi8(seen) != 0)
        high = 0x80;
#endif
    for (; i < len; ++i) {
        high |= h[i];
        if (len - i >= m && matchesAt(i))
            return true;
    }
    *nonAscii = high & 0x80;
    return false;
}

bool isIdentChar(QChar c)
{
    return !c.isSpace() && c != u'.' && c != u'[' && c != u']' && c != u'=' && c != u'!'
           && c != u'<' && c != u'>' && c != u'~' && c != u'"';
}

} // namespace

bool JsonCondition::parse(const QString &input, JsonCondition *out, QString *error)
{
    JsonCondition c;
    const QString s = input.trimmed();
    qsizetype i = 0;
    auto fail = [&](const QString &why) {
        *error = QObject::tr("JSON condition, at character %1: %2").arg(i + 1).arg(why);
        return false;
    };
    if (s.startsWith(u"$.")) {
        c.anchored = true;
        i = 2;
    } else if (s.startsWith(u'$')) {
        c.anchored = true;
        i = 1;
    }
    // Path
    while (i < s.size()) {
        const QChar ch = s[i];
        if (ch == u'[') {
            ++i;
            if (i < s.size() && s[i] == u'"') {
                const qsizetype close = s.indexOf(u'"', i + 1);
                if (close < 0)
                    return fail(QObject::tr("unterminated quoted name"));
                c.path.append({s.mid(i + 1, close - i - 1).toUtf8(), -1});
                i = close + 1;
            } else {
                const qsizetype close = s.indexOf(u']', i);
                bool ok = false;
                const int index = close < 0 ? -1 : s.mid(i, close - i).trimmed().toInt(&ok);
                if (!ok || index < 0)
                    return fail(QObject::tr("expected an array index like [0]"));
                c.path.append({{}, index});
                i = close;
            }
            if (i >= s.size() || s[i] != u']')
                return fail(QObject::tr("expected ]"));
            ++i;
        } else if (ch == u'.') {
            ++i;
        } else if (isIdentChar(ch)) {
            const qsizetype start = i;
            while (i < s.size() && isIdentChar(s[i]))
                ++i;
            const QString word = s.mid(start, i - start);
            if (!c.path.isEmpty() && (word == u"contains" || word == u"exists")) {
                i = start;
                break;
            }
            c.path.append({word.toUtf8(), -1});
        } else {
            break;
        }
        if (i < s.size() && s[i].isSpace())
            break;
    }
    if (c.path.isEmpty())
        return fail(QObject::tr("expected a field path such as values.temperature"));
    while (i < s.size() && s[i].isSpace())
        ++i;
    if (i >= s.size()) {
        *out = c;
        return true;
    }
    // Operator
    static const struct { const char16_t *text; Op op; } ops[] = {
        {u">=", Ge}, {u"<=", Le}, {u"==", Eq}, {u"!=", Ne}, {u">", Gt}, {u"<", Lt},
        {u"=", Eq},  {u"~", Contains}, {u"contains", Contains}, {u"exists", Exists},
    };
    bool found = false;
    for (const auto &o : ops) {
        const QString t = QString::fromUtf16(o.text);
        if (s.mid(i).startsWith(t)) {
            c.op = o.op;
            i += t.size();
            found = true;
            break;
        }
    }
    if (!found)
        return fail(QObject::tr("expected an operator (== != > >= < <= contains)"));
    while (i < s.size() && s[i].isSpace())
        ++i;
    if (c.op == Exists) {
        if (i < s.size())
            return fail(QObject::tr("nothing may follow 'exists'"));
        *out = c;
        return true;
    }
    if (i >= s.size())
        return fail(QObject::tr("expected a value after the operator"));
    QString literal = s.mid(i).trimmed();
    if (literal.startsWith(u'"')) {
        if (literal.size() < 2 || !literal.endsWith(u'"'))
            return fail(QObject::tr("unterminated string"));
        c.kind = String;
        c.text = literal.mid(1, literal.size() - 2).toUtf8();
    } else if (literal == u"true" || literal == u"false") {
        c.kind = Bool;
        c.boolean = literal == u"true";
    } else if (literal == u"null") {
        c.kind = Null;
    } else {
        bool ok = false;
        c.number = literal.toDouble(&ok);
        if (ok) {
            c.kind = Number;
        } else {
            c.kind = String;
            c.text = literal.toUtf8();
        }
    }
    if (c.kind != Number && c.kind != String && c.op != Eq && c.op != Ne)
        return fail(QObject::tr("true, false and null only compare with == or !="));
    if (c.op == Contains && c.kind != String)
        c.text = literal.toUtf8(), c.kind = String;
    *out = c;
    return true;
}

struct MessageMatcher::Json
{
    JsonCondition cond;
    simdjson::dom::parser parser;

    template<typename T>
    static bool compare(T a, T b, JsonCondition::Op op)
    {
        switch (op) {
        case JsonCondition::Eq: return a == b;
        case JsonCondition::Ne: return a != b;
        case JsonCondition::Lt: return a < b;
        case JsonCondition::Le: return a <= b;
        case JsonCondition::Gt: return a > b;
        case JsonCondition::Ge: return a >= b;
        default: return false;
        }
    }

    bool test(const simdjson::dom::element &e) const
    {
        using simdjson::dom::element_type;
        if (cond.op == JsonCondition::Exists)
            return true;
        const element_type t = e.type();
        if (cond.kind == JsonCondition::Null)
            return compare<bool>(t == element_type::NULL_VALUE, true, cond.op);
        if (cond.kind == JsonCondition::Bool) {
            if (t != element_type::BOOL)
                return false;
            return compare<bool>(bool(e.get_bool().value_unsafe()), cond.boolean, cond.op);
        }
        if (t == element_type::STRING) {
            const std::string_view v = e.get_string().value_unsafe();
            const std::string_view want(cond.text.constData(), size_t(cond.text.size()));
            if (cond.op == JsonCondition::Contains)
                return v.find(want) != std::string_view::npos;
            if (cond.kind == JsonCondition::Number) {
                bool ok = false;
                const double d = QByteArray(v.data(), qsizetype(v.size())).toDouble(&ok);
                return ok && compare(d, cond.number, cond.op);
            }
            return compare(v, want, cond.op);
        }
        if (cond.op == JsonCondition::Contains)
            return false;
        double d = 0;
        if (t == element_type::INT64)
            d = double(e.get_int64().value_unsafe());
        else if (t == element_type::UINT64)
            d = double(e.get_uint64().value_unsafe());
        else if (t == element_type::DOUBLE)
            d = e.get_double().value_unsafe();
        else
            return false;
        if (cond.kind == JsonCondition::Number)
            return compare(d, cond.number, cond.op);
        // A numeric field against a string literal compares textually.
        return compare(QByteArray::number(d), cond.text, cond.op);
    }

    // Follows the path from `e`; arrays met on a name segment fan out over their elements.
    bool follow(const simdjson::dom::element &e, qsizetype seg) const
    {
        if (seg == cond.path.size())
            return test(e);
        const JsonCondition::Segment &s = cond.path[seg];
        if (e.is_array()) {
            const simdjson::dom::array a = e.get_array().value_unsafe();
            if (s.index >= 0) {
                auto item = a.at(size_t(s.index));
                return !item.error() && follow(item.value_unsafe(), seg + 1);
            }
            for (const simdjson::dom::element item : a)
                if (follow(item, seg))
                    return true;
            return false;
        }
        if (!e.is_object() || s.index >= 0)
            return false;
        auto child = e.get_object().value_unsafe().at_key(std::string_view(s.name.constData(), size_t(s.name.size())));
        return !child.error() && follow(child.value_unsafe(), seg + 1);
    }

    // Tries the path at `e` and, unless anchored, at every node below it.
    bool search(const simdjson::dom::element &e, int depth) const
    {
        if (follow(e, 0))
            return true;
        if (cond.anchored || depth > 64)
            return false;
        if (e.is_object()) {
            const simdjson::dom::object object = e.get_object().value_unsafe();
            for (const auto field : object)
                if (search(field.value, depth + 1))
                    return true;
        } else if (e.is_array()) {
            const simdjson::dom::array array = e.get_array().value_unsafe();
            for (const simdjson::dom::element item : array)
                if (search(item, depth + 1))
                    return true;
        }
        return false;
    }

    // A look at the raw bytes that spares most records the parse: a record can only match if
    // the path's last name occurs as a key ("name" then ':'), and, when the path ends on it
    // and the condition compares with a number, if one of its values is a number that passes
    // or something only the parser can judge (a string holding a number, an array, ...). Only
    // a "cannot" is final. A record with a backslash is always parsed: escapes can spell a key
    // another way, and without them no string can hold a quote, so every real key shows.
    QByteArray quotedKey; // "name"; empty: no pre-check
    QByteArrayMatcher keyFinder;
    bool valueFollowsKey = false;

    void setUpPrecheck()
    {
        for (qsizetype s = cond.path.size() - 1; s >= 0; --s) {
            if (cond.path[s].index >= 0)
                continue;
            const QByteArray &name = cond.path[s].name;
            if (std::any_of(name.cbegin(), name.cend(), [](char c) { return c == '"' || c == '\\' || uchar(c) < 0x20; }))
                return; // would be escaped in the JSON
            quotedKey = '"' + name + '"';
            keyFinder.setPattern(quotedKey);
            valueFollowsKey = s == cond.path.size() - 1 && cond.kind == JsonCondition::Number
                              && cond.op != JsonCondition::Exists && cond.op != JsonCondition::Contains;
            return;
        }
    }

    bool mayMatch(const char *data, qsizetype len) const
    {
        if (quotedKey.isEmpty() || std::memchr(data, '\\', size_t(len)))
            return true;
        auto skipSpace = [&](qsizetype i) {
            while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
                ++i;
            return i;
        };
        auto inNumber = [](char c) { return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'; };
        for (qsizetype at = keyFinder.indexIn(data, len); at >= 0; at = keyFinder.indexIn(data, len, at + 1)) {
            qsizetype i = skipSpace(at + quotedKey.size());
            if (i >= len || data[i] != ':')
                continue; // a string value, not a key
            if (!valueFollowsKey)
                return true;
            const qsizetype start = i = skipSpace(i + 1);
            while (i < len && inNumber(data[i]))
                ++i;
            double d = 0;
            const auto [end, ec] = std::from_chars(data + start, data + i, d);
            if (start == i || ec != std::errc() || end != data + i)
                return true; // not a plain number: the parser decides
            if (compare(d, cond.number, cond.op))
                return true; // simdjson reads numbers correctly rounded too: the same double
        }
        return false;
    }

    bool matches(const char *data, qsizetype len)
    {
        if (len <= 0 || !mayMatch(data, len))
            return false;
        simdjson::dom::element root;
        if (parser.parse(data, size_t(len), true).get(root))
            return false; // not JSON: cannot satisfy a JSON condition
        return search(root, 0);
    }
};

MessageMatcher::MessageMatcher(const MessageFilter &filter) : m_filter(filter)
{
    if (!setupText(m_key, filter.key, filter.keyRegex, filter.caseSensitive, QObject::tr("Key")))
        return;
    if (!setupText(m_value, filter.value, filter.valueRegex, filter.caseSensitive, QObject::tr("Value")))
        return;
    if (!filter.json.trimmed().isEmpty()) {
        JsonCondition cond;
        if (!JsonCondition::parse(filter.json, &cond, &m_error))
            return;
        m_json = std::make_unique<Json>();
        m_json->cond = cond;
        m_json->setUpPrecheck();
    }
    if (filter.fromMs >= 0 && filter.toMs >= 0 && filter.toMs < filter.fromMs)
        m_error = QObject::tr("The time range ends before it starts");
}

MessageMatcher::~MessageMatcher() = default;

bool MessageMatcher::setupText(Text &t, const QString &pattern, bool regex, bool caseSensitive,
                               const QString &what)
{
    if (pattern.isEmpty())
        return true;
    t.active = true;
    t.regex = regex;
    t.caseSensitive = caseSensitive;
    if (regex) {
        t.re = QRegularExpression(pattern, caseSensitive ? QRegularExpression::NoPatternOption
                                                         : QRegularExpression::CaseInsensitiveOption);
        if (!t.re.isValid()) {
            m_error = QObject::tr("%1 regex, at character %2: %3")
                          .arg(what).arg(t.re.patternErrorOffset() + 1).arg(t.re.errorString());
            return false;
        }
        t.re.optimize();
    } else if (caseSensitive) {
        t.bytes.setPattern(pattern.toUtf8());
    } else {
        t.needle = pattern;
        const QByteArray utf8 = pattern.toUtf8();
        if (std::all_of(utf8.cbegin(), utf8.cend(), [](char c) { return uchar(c) < 0x80; }))
            t.asciiNeedle = utf8.toLower();
    }
    return true;
}

bool MessageMatcher::Text::test(const char *data, qsizetype len) const
{
    if (!active)
        return true;
    if (!regex && caseSensitive)
        return bytes.indexIn(data, len) >= 0;
    if (!regex && !asciiNeedle.isEmpty()) {
        bool nonAscii = false;
        if (asciiContainsFolded(data, len, asciiNeedle, &nonAscii))
            return true;
        if (!nonAscii)
            return false;
    }
    // Binary payloads decode lossily; a pattern can still match their printable parts.
    const QString text = QString::fromUtf8(data, len);
    return regex ? re.match(text).hasMatch() : text.contains(needle, Qt::CaseInsensitive);
}

bool MessageMatcher::matches(const char *key, qsizetype keyLen, const char *value, qsizetype valueLen,
                             qint64 timestampMs)
{
    if (!m_error.isEmpty())
        return false;
    if (m_filter.fromMs >= 0 && timestampMs < m_filter.fromMs)
        return false;
    if (m_filter.toMs >= 0 && timestampMs > m_filter.toMs)
        return false;
    if (!m_key.test(key, keyLen) || !m_value.test(value, valueLen))
        return false;
    return !m_json || m_json->matches(value, valueLen);
}

} // namespace kafkascope
