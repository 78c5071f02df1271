#pragma once
// An editable two-column table of key/value pairs with add and remove buttons.

#include <QList>
#include <QPair>
#include <QWidget>

class QTableWidget;

class KeyValueTable : public QWidget
{
    Q_OBJECT
public:
    explicit KeyValueTable(const QString &keyTitle, const QString &valueTitle, QWidget *parent = nullptr);
    QList<QPair<QString, QString>> pairs() const; // rows with an empty key are dropped
    void setPairs(const QList<QPair<QString, QString>> &pairs);
    void addPair(const QString &key, const QString &value);
    QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table;
};
