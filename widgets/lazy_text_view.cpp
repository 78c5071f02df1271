#include "lazy_text_view.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <algorithm>
#include <climits>

namespace {
constexpr int kMargin = 4;
constexpr int kMinColumns = 16;
constexpr int kHexPrefix = 60; // offset, 16 hex bytes and the spaces before the ASCII column
} // namespace

LazyTextView::LazyTextView(QWidget *parent) : QAbstractScrollArea(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // rows wrap instead
    viewport()->setCursor(Qt::IBeamCursor);
    verticalScrollBar()->setSingleStep(1);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, viewport(), qOverload<>(&QWidget::update));
    relayout();
}

void LazyTextView::setText(const QString &text)
{
    m_kind = Kind::Text;
    m_text = text;
    m_bytes.clear();
    m_lineStarts.clear();
    m_lineStarts.push_back(0);
    // One pass over the text; nothing is laid out until it is on screen.
    const QChar *data = m_text.constData();
    const qsizetype size = m_text.size();
    for (qsizetype i = 0; i < size; ++i)
        if (data[i] == u'\n')
            m_lineStarts.push_back(i + 1);
    m_anchor = m_cursor = -1;
    verticalScrollBar()->setValue(0);
    relayout();
}

void LazyTextView::setHexBytes(const QByteArray &bytes)
{
    m_kind = Kind::Hex;
    m_bytes = bytes;
    m_text.clear();
    m_lineStarts.clear();
    m_anchor = m_cursor = -1;
    verticalScrollBar()->setValue(0);
    relayout();
}

void LazyTextView::clear()
{
    setText(QString());
}

qsizetype LazyTextView::lineCount() const
{
    return m_kind == Kind::Hex ? (m_bytes.size() + 15) / 16 : qsizetype(m_lineStarts.size());
}

qsizetype LazyTextView::lineLength(qsizetype line) const
{
    if (m_kind == Kind::Hex)
        return kHexPrefix + std::min<qsizetype>(16, m_bytes.size() - line * 16);
    const qsizetype end = size_t(line + 1) < m_lineStarts.size() ? m_lineStarts[size_t(line + 1)] - 1 : m_text.size();
    return end - m_lineStarts[size_t(line)];
}

QString LazyTextView::hexLine(const QByteArray &bytes, qsizetype line)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    const qsizetype from = line * 16, n = std::min<qsizetype>(16, bytes.size() - from);
    QString out(kHexPrefix + n, u' ');
    QChar *o = out.data();
    for (int i = 7; i >= 0; --i)
        o[7 - i] = QLatin1Char(kDigits[(from >> (i * 4)) & 0xf]);
    for (qsizetype i = 0; i < n; ++i) {
        const auto b = uchar(bytes[from + i]);
        const qsizetype at = 10 + i * 3 + (i >= 8 ? 1 : 0);
        o[at] = QLatin1Char(kDigits[b >> 4]);
        o[at + 1] = QLatin1Char(kDigits[b & 0xf]);
        o[kHexPrefix + i] = (b >= 0x20 && b < 0x7f) ? QChar(char16_t(b)) : QChar(u'.');
    }
    return out;
}

QString LazyTextView::lineSegment(qsizetype line, qsizetype from, qsizetype length) const
{
    if (m_kind == Kind::Hex)
        return hexLine(m_bytes, line).mid(from, length);
    const qsizetype start = m_lineStarts[size_t(line)];
    return m_text.mid(start + from, std::min(length, lineLength(line) - from));
}

qsizetype LazyTextView::lineStart(qsizetype line) const
{
    return m_kind == Kind::Hex ? line * (kHexLineLength + 1) : m_lineStarts[size_t(line)];
}

qsizetype LazyTextView::position(qsizetype line, qsizetype offset) const
{
    return lineStart(line) + offset;
}

int LazyTextView::rowHeight() const
{
    return std::max(1, fontMetrics().lineSpacing());
}

int LazyTextView::charWidth() const
{
    return std::max(1, fontMetrics().horizontalAdvance(QLatin1Char('M')));
}

void LazyTextView::relayout()
{
    const qsizetype topLine = m_rowStarts.empty() ? 0 : lineOfRow(verticalScrollBar()->value());
    m_columns = std::max(kMinColumns, (viewport()->width() - 2 * kMargin) / charWidth());
    const qsizetype lines = lineCount();
    m_rowStarts.assign(size_t(lines + 1), 0);
    if (m_kind == Kind::Hex && m_columns >= kHexLineLength) {
        for (qsizetype i = 0; i <= lines; ++i) // one row per line: no per-line work
            m_rowStarts[size_t(i)] = i;
    } else {
        qsizetype rows = 0;
        for (qsizetype i = 0; i < lines; ++i) {
            m_rowStarts[size_t(i)] = rows;
            rows += std::max<qsizetype>(1, (lineLength(i) + m_columns - 1) / m_columns);
        }
        m_rowStarts[size_t(lines)] = rows;
    }
    updateScrollBar();
    if (topLine > 0 && topLine < lines)
        verticalScrollBar()->setValue(int(std::min<qsizetype>(m_rowStarts[size_t(topLine)], INT_MAX)));
    viewport()->update();
}

void LazyTextView::updateScrollBar()
{
    const int visible = std::max(1, viewport()->height() / rowHeight());
    verticalScrollBar()->setPageStep(visible);
    verticalScrollBar()->setRange(0, int(std::min<qsizetype>(std::max<qsizetype>(0, rowCount() - visible), INT_MAX)));
}

qsizetype LazyTextView::lineOfRow(qsizetype row) const
{
    if (m_rowStarts.size() < 2)
        return 0;
    const auto it = std::upper_bound(m_rowStarts.begin(), m_rowStarts.end() - 1, row);
    return std::max<qsizetype>(0, qsizetype(it - m_rowStarts.begin()) - 1);
}

qsizetype LazyTextView::firstVisibleRow() const
{
    return verticalScrollBar()->value();
}

QString LazyTextView::rowText(qsizetype row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    const qsizetype line = lineOfRow(row);
    const qsizetype segment = row - m_rowStarts[size_t(line)];
    return lineSegment(line, segment * m_columns, m_columns);
}

void LazyTextView::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    const int h = rowHeight(), cw = charWidth(), ascent = fontMetrics().ascent();
    const qsizetype first = firstVisibleRow();
    const qsizetype last = std::min(rowCount(), first + viewport()->height() / h + 2);
    const qsizetype selFrom = std::min(m_anchor, m_cursor), selTo = std::max(m_anchor, m_cursor);
    const QColor highlight = palette().color(QPalette::Highlight);
    const QColor highlighted = palette().color(QPalette::HighlightedText);
    const QColor text = palette().color(QPalette::Text);
    qsizetype line = lineOfRow(first);
    for (qsizetype row = first; row < last; ++row) {
        while (size_t(line + 1) < m_rowStarts.size() - 1 && m_rowStarts[size_t(line + 1)] <= row)
            ++line;
        const qsizetype from = (row - m_rowStarts[size_t(line)]) * m_columns;
        QString s = lineSegment(line, from, m_columns);
        for (QChar &c : s) // tabs and other controls (C0, DEL, C1) would break the fixed columns
            if (c.unicode() < 0x20 || (c.unicode() >= 0x7f && c.unicode() < 0xa0))
                c = u' ';
        const int y = int(row - first) * h;
        const qsizetype rowPos = position(line, from);
        if (m_anchor >= 0 && selFrom != selTo) {
            const qsizetype a = std::clamp(selFrom - rowPos, qsizetype(0), qsizetype(s.size()));
            const qsizetype b = std::clamp(selTo - rowPos, qsizetype(0), qsizetype(s.size()));
            if (b > a)
                p.fillRect(kMargin + int(a) * cw, y, int(b - a) * cw, h, highlight);
            p.setPen(text);
            p.drawText(kMargin, y + ascent, s.left(a));
            p.setPen(highlighted);
            p.drawText(kMargin + int(a) * cw, y + ascent, s.mid(a, b - a));
            p.setPen(text);
            p.drawText(kMargin + int(b) * cw, y + ascent, s.mid(b));
        } else {
            p.setPen(text);
            p.drawText(kMargin, y + ascent, s);
        }
    }
}

void LazyTextView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    const int columns = std::max(kMinColumns, (viewport()->width() - 2 * kMargin) / charWidth());
    if (columns != m_columns)
        relayout();
    else
        updateScrollBar();
}

void LazyTextView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        relayout();
}

qsizetype LazyTextView::positionAt(const QPoint &pos) const
{
    if (rowCount() == 0)
        return 0;
    const qsizetype row = std::clamp<qsizetype>(firstVisibleRow() + pos.y() / rowHeight(), 0, rowCount() - 1);
    const qsizetype line = lineOfRow(row);
    const qsizetype from = (row - m_rowStarts[size_t(line)]) * m_columns;
    const qsizetype column = std::clamp<qsizetype>((pos.x() - kMargin + charWidth() / 2) / charWidth(), 0, m_columns);
    return position(line, std::min(lineLength(line), from + column));
}

void LazyTextView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QAbstractScrollArea::mousePressEvent(event);
    m_anchor = m_cursor = positionAt(event->position().toPoint());
    viewport()->update();
}

void LazyTextView::mouseMoveEvent(QMouseEvent *event)
{
    if (!(event->buttons() & Qt::LeftButton) || m_anchor < 0)
        return QAbstractScrollArea::mouseMoveEvent(event);
    m_cursor = positionAt(event->position().toPoint());
    viewport()->update();
}

void LazyTextView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        QApplication::clipboard()->setText(selectedText());
        return;
    }
    if (event->matches(QKeySequence::SelectAll)) {
        selectAll();
        return;
    }
    if (event->matches(QKeySequence::MoveToStartOfDocument)) {
        verticalScrollBar()->setValue(0);
        return;
    }
    if (event->matches(QKeySequence::MoveToEndOfDocument)) {
        verticalScrollBar()->setValue(verticalScrollBar()->maximum());
        return;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void LazyTextView::selectAll()
{
    const qsizetype lines = lineCount();
    m_anchor = 0;
    m_cursor = lines == 0 ? 0 : position(lines - 1, lineLength(lines - 1));
    viewport()->update();
}

QString LazyTextView::selectedText() const
{
    if (m_anchor < 0 || m_anchor == m_cursor)
        return {};
    const qsizetype from = std::min(m_anchor, m_cursor), to = std::max(m_anchor, m_cursor);
    if (m_kind == Kind::Text)
        return m_text.mid(from, to - from);
    QString out;
    const qsizetype stride = kHexLineLength + 1;
    for (qsizetype line = from / stride; line < lineCount() && line * stride < to; ++line) {
        QString l = hexLine(m_bytes, line) + u'\n';
        const qsizetype a = std::max<qsizetype>(0, from - line * stride);
        const qsizetype b = std::min<qsizetype>(l.size(), to - line * stride);
        out += l.mid(a, b - a);
        if (out.size() > kMaxHexCopyBytes * 5)
            break; // the clipboard is not the place for more
    }
    return out;
}

QString LazyTextView::toPlainText() const
{
    if (m_kind == Kind::Text)
        return m_text;
    QString out;
    const qsizetype n = std::min(m_bytes.size(), kMaxHexCopyBytes);
    out.reserve((n / 16 + 1) * (kHexLineLength + 1));
    for (qsizetype line = 0; line * 16 < n; ++line)
        out += hexLine(m_bytes, line) + u'\n';
    if (m_bytes.size() > n)
        out += tr("… %1 more bytes not shown\n").arg(m_bytes.size() - n);
    return out;
}
