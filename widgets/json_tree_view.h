#pragma once
// Pretty JSON with folding: a tree of keys, values and types built from raw bytes.
// Objects and arrays fold; the first levels start expanded. Kafka-agnostic.

#include <QTreeWidget>

class JsonTreeView : public QTreeWidget
{
    Q_OBJECT
public:
    explicit JsonTreeView(QWidget *parent = nullptr);
    // Shows `bytes` as a tree; returns false (and shows the parser's complaint) when not JSON.
    bool setJson(const QByteArray &bytes);
    const QString &parseError() const { return m_error; }
    // The document indented, for copying.
    QString prettyText() const { return m_pretty; }

private:
    QString m_error;
    QString m_pretty;
};
