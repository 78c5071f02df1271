#include "common/field_message.h"
#include "shell/theme.h"

#include <QVBoxLayout>

namespace kafkascope {

FieldMessage::FieldMessage(const QString &objectName, QWidget *parent) : QLabel(parent)
{
    setObjectName(objectName);
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setTextFormat(Qt::PlainText);
    hide();
}

void FieldMessage::showText(const QString &text, const QString &colour, bool error)
{
    m_error = error && !text.isEmpty();
    setStyleSheet(QStringLiteral("color: %1;").arg(colour));
    setText(text);
    setVisible(!text.isEmpty() || m_reservedLines > 0);
}

void FieldMessage::setReservedLines(int lines)
{
    m_reservedLines = lines;
    setMinimumHeight(lines * fontMetrics().lineSpacing());
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setVisible(!text().isEmpty() || lines > 0);
}

void FieldMessage::showError(const QString &text)
{
    showText(text, Theme::errorColor().name(), true);
}

void FieldMessage::showWarning(const QString &text)
{
    showText(text, QStringLiteral("#b7791f"), false);
}

void FieldMessage::showInfo(const QString &text)
{
    showText(text, QStringLiteral("palette(placeholder-text)"), false);
}

void FieldMessage::clear()
{
    showText({}, QStringLiteral("palette(text)"), false);
}

QWidget *withMessage(QWidget *field, FieldMessage *message)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(message);
    return box;
}

} // namespace kafkascope
