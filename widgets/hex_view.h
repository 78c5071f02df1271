#pragma once
// Classic hex dump of bytes: offset, 16 bytes in hex, printable ASCII. Kafka-agnostic.

#include <QPlainTextEdit>

class HexView : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit HexView(QWidget *parent = nullptr);
    void setBytes(const QByteArray &bytes);
    static QString dump(const QByteArray &bytes, qsizetype maxBytes = 1 << 20);
};
