#pragma once
// A line edit for a duration ("2h", "7d") or a size ("512 MiB") in human units, holding
// the Kafka value in milliseconds or bytes. Blank means "not set" (inherit the default).

#include <QLineEdit>
#include <optional>

namespace kafkascope {

class HumanValueEdit : public QLineEdit
{
    Q_OBJECT
public:
    enum class Kind { Duration, Size };
    explicit HumanValueEdit(Kind kind, QWidget *parent = nullptr);

    Kind kind() const { return m_kind; }
    bool isBlank() const { return text().trimmed().isEmpty(); }
    // The value in ms/bytes; nullopt when blank or not understood.
    std::optional<qint64> value() const;
    void setValue(qint64 value); // shown in the largest exact unit
    // Empty when blank or valid; otherwise one sentence naming the problem.
    QString error() const;
    // "= 7,200,000 ms" for a valid entry, so the user sees what Kafka will get.
    QString interpretation() const;

private:
    Kind m_kind;
};

} // namespace kafkascope
