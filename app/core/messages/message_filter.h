#pragma once
// What the browser's filter bar asks for (key/value substring or regex, a JSON field condition
// such as `values.temperature > 30`, a time range) and the matcher that tests records
// against it. The matcher is built once per scan and used on one thread.

#include <QByteArray>
#include <QByteArrayMatcher>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <memory>

namespace kafkascope {

struct MessageFilter
{
    QString key;   // substring or regex on the key
    bool keyRegex = false;
    QString value; // substring or regex on the value
    bool valueRegex = false;
    bool caseSensitive = false;
    QString json;  // JSON field condition, see JsonCondition
    qint64 fromMs = -1; // time range, inclusive; -1 = open
    qint64 toMs = -1;
    bool isEmpty() const
    {
        return key.isEmpty() && value.isEmpty() && json.trimmed().isEmpty() && fromMs < 0 && toMs < 0;
    }
};

// `path op literal` or `path` alone (the field exists). The path is dotted with [n] indexes and
// ["quoted names"]; it matches at any depth unless it starts with `$.` (from the root), and
// walks into arrays, so `values.temperature > 30` matches ThingsBoard device JSON and gateway
// JSON alike. Ops: == = != > >= < <= and `contains`/`~` for strings. Literals: numbers,
// "strings" (or bare words), true, false, null. A string field holding a number compares as
// one against a numeric literal.
struct JsonCondition
{
    enum Op { Exists, Eq, Ne, Lt, Le, Gt, Ge, Contains };
    enum Kind { Number, String, Bool, Null };
    struct Segment
    {
        QByteArray name;
        int index = -1; // >= 0: an array index
    };
    QList<Segment> path;
    bool anchored = false;
    Op op = Exists;
    Kind kind = Null;
    double number = 0;
    QByteArray text;
    bool boolean = false;

    // Parses `text`; on failure returns false with *error naming the fault and its position.
    static bool parse(const QString &text, JsonCondition *out, QString *error);
};

class MessageMatcher
{
public:
    explicit MessageMatcher(const MessageFilter &filter);
    ~MessageMatcher();
    MessageMatcher(const MessageMatcher &) = delete;
    MessageMatcher &operator=(const MessageMatcher &) = delete;

    // Why the filter cannot run (bad regex, bad JSON condition); empty when fine.
    const QString &error() const { return m_error; }
    bool matches(const char *key, qsizetype keyLen, const char *value, qsizetype valueLen,
                 qint64 timestampMs);
    bool matches(const QByteArray &key, const QByteArray &value, qint64 timestampMs)
    {
        return matches(key.constData(), key.size(), value.constData(), value.size(), timestampMs);
    }

private:
    struct Text
    {
        bool active = false;
        bool regex = false;
        bool caseSensitive = false;
        QByteArrayMatcher bytes;
        QString needle;
        QByteArray asciiNeedle; // lower-case needle when it is all ASCII: bytes are searched as they are
        QRegularExpression re;
        bool test(const char *data, qsizetype len) const;
    };
    struct Json;
    bool setupText(Text &t, const QString &pattern, bool regex, bool caseSensitive, const QString &what);

    MessageFilter m_filter;
    Text m_key, m_value;
    std::unique_ptr<Json> m_json;
    QString m_error;
};

} // namespace kafkascope
