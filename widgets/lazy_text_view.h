#pragma once
// A read-only view of any amount of text, or of bytes as a hex dump, that lays out only the
// rows on screen: long lines wrap into fixed-width rows of a monospace font, and a 10 MB
// single line costs no more to show than a short one. Mouse selection, Ctrl+A, Ctrl+C.

#include <QAbstractScrollArea>
#include <QByteArray>
#include <QString>
#include <vector>

class LazyTextView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    explicit LazyTextView(QWidget *parent = nullptr);

    void setText(const QString &text);
    void setHexBytes(const QByteArray &bytes);
    void clear();

    // Everything shown (a hex dump is capped at kMaxHexCopyBytes of input, with a note).
    QString toPlainText() const;
    QString selectedText() const;
    void selectAll();
    qsizetype lineCount() const;
    qsizetype rowCount() const { return m_rowStarts.empty() ? 0 : m_rowStarts.back(); }
    int columns() const { return m_columns; }
    // The text of one wrapped row as painted (for tests and accessibility).
    QString rowText(qsizetype row) const;
    qsizetype firstVisibleRow() const;

    static constexpr qsizetype kMaxHexCopyBytes = 1 << 20;
    static constexpr int kHexLineLength = 76; // "00000000  xx xx … xx  |16 chars|"
    static QString hexLine(const QByteArray &bytes, qsizetype line);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    enum class Kind { Text, Hex };
    qsizetype lineLength(qsizetype line) const;
    QString lineSegment(qsizetype line, qsizetype from, qsizetype length) const;
    // A position is a character index in the whole text (hex: lines of kHexLineLength + 1).
    qsizetype position(qsizetype line, qsizetype offset) const;
    qsizetype lineStart(qsizetype line) const;
    qsizetype positionAt(const QPoint &viewportPos) const;
    qsizetype lineOfRow(qsizetype row) const;
    void relayout();
    void updateScrollBar();
    int rowHeight() const;
    int charWidth() const;

    Kind m_kind = Kind::Text;
    QString m_text;
    QByteArray m_bytes;
    std::vector<qsizetype> m_lineStarts; // Kind::Text: index of each line's first character
    std::vector<qsizetype> m_rowStarts;  // first wrapped row of each line, then the row count
    int m_columns = 80;
    qsizetype m_anchor = -1; // selection, as positions; none while m_anchor < 0
    qsizetype m_cursor = -1;
};
