#include "common/human_value_edit.h"

#include "topics/topic_validation.h"

#include <QLocale>

namespace kafkascope {

HumanValueEdit::HumanValueEdit(Kind kind, QWidget *parent) : QLineEdit(parent), m_kind(kind)
{
    setPlaceholderText(kind == Kind::Duration ? tr("default — e.g. 2h, 7d, 30m, unlimited")
                                              : tr("default — e.g. 512 MiB, 1 GiB, unlimited"));
    setClearButtonEnabled(true);
}

std::optional<qint64> HumanValueEdit::value() const
{
    if (isBlank())
        return std::nullopt;
    return m_kind == Kind::Duration ? topic_validation::parseDurationMs(text())
                                    : topic_validation::parseSizeBytes(text());
}

void HumanValueEdit::setValue(qint64 v)
{
    setText(m_kind == Kind::Duration ? topic_validation::formatDurationMs(v) : topic_validation::formatSizeBytes(v));
    if (!value()) // formatSizeBytes may add an "≈" hint that does not parse back
        setText(QString::number(v));
}

QString HumanValueEdit::error() const
{
    if (isBlank() || value())
        return {};
    return m_kind == Kind::Duration
               ? tr("\"%1\" is not a duration; write e.g. 90s, 30m, 2h, 7d, 1w, a number of milliseconds, or unlimited.").arg(text())
               : tr("\"%1\" is not a size; write e.g. 1024, 64 KiB, 512 MiB, 1 GiB, 10 MB, or unlimited.").arg(text());
}

QString HumanValueEdit::interpretation() const
{
    const auto v = value();
    if (!v)
        return {};
    if (*v < 0)
        return tr("= -1 (unlimited)");
    return m_kind == Kind::Duration ? tr("= %1 ms").arg(QLocale().toString(*v)) : tr("= %1 bytes").arg(QLocale().toString(*v));
}

} // namespace kafkascope
