#pragma once
// The line under a form field that says what is wrong with it (red) or what to watch out
// for (amber); hidden when there is nothing to say.

#include <QLabel>

namespace kafkascope {

class FieldMessage : public QLabel
{
    Q_OBJECT
public:
    explicit FieldMessage(const QString &objectName, QWidget *parent = nullptr);
    void showError(const QString &text);
    void showWarning(const QString &text);
    void showInfo(const QString &text);
    void clear();
    bool isError() const { return m_error; }
    // Keeps room for this many lines even when empty, so messages never shift the form.
    void setReservedLines(int lines);

private:
    void showText(const QString &text, const QString &colour, bool error);
    bool m_error = false;
    int m_reservedLines = 0;
};

// A field with its message line underneath, as one form row.
QWidget *withMessage(QWidget *field, FieldMessage *message);

} // namespace kafkascope
