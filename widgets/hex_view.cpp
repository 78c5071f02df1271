#include "hex_view.h"

#include <QFontDatabase>

HexView::HexView(QWidget *parent) : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setLineWrapMode(NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
}

void HexView::setBytes(const QByteArray &bytes)
{
    setPlainText(dump(bytes));
}

QString HexView::dump(const QByteArray &bytes, qsizetype maxBytes)
{
    QString out;
    const qsizetype n = std::min(bytes.size(), maxBytes);
    out.reserve(n * 4 + 64);
    for (qsizetype line = 0; line < n; line += 16) {
        out += QStringLiteral("%1  ").arg(line, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = line; i < line + 16; ++i) {
            if (i < n) {
                const auto b = uchar(bytes[i]);
                out += QStringLiteral("%1 ").arg(b, 2, 16, QLatin1Char('0'));
                ascii += (b >= 0x20 && b < 0x7f) ? QChar(char16_t(b)) : QChar(u'.');
            } else {
                out += QStringLiteral("   ");
            }
            if (i == line + 7)
                out += u' ';
        }
        out += u' ' + ascii + u'\n';
    }
    if (bytes.size() > n)
        out += tr("… %1 more bytes not shown\n").arg(bytes.size() - n);
    return out;
}
