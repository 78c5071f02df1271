#pragma once
// Bytes shown as text, as pretty foldable JSON, or as a hex dump, with a copy button.
// "Auto" picks JSON when the bytes parse, text when they are UTF-8, hex otherwise.

#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class HexView;
class JsonTreeView;

class PayloadView : public QWidget
{
    Q_OBJECT
public:
    enum Mode { Auto, Text, Json, Hex };
    explicit PayloadView(QWidget *parent = nullptr);
    void setBytes(const QByteArray &bytes, bool isNull = false);
    void clear(); // nothing shown, not even "null": no message is selected
    const QByteArray &bytes() const { return m_bytes; }
    Mode shownMode() const { return m_shown; }
    void setMode(Mode mode);
    QString shownText() const; // what Copy puts on the clipboard

private:
    void refresh();
    QComboBox *m_mode;
    QLabel *m_info;
    QStackedWidget *m_stack;
    QPlainTextEdit *m_text;
    JsonTreeView *m_json;
    HexView *m_hex;
    QByteArray m_bytes;
    bool m_null = false;
    Mode m_shown = Text;
};
