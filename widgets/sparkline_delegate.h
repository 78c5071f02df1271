#pragma once
// Draws a small line chart of the values a model gives for a role (a QVector<double>),
// oldest first: a sparkline for table and tree cells. Cells without values fall back to
// the default painting. Knows nothing of where the values come from.

#include <QStyledItemDelegate>

class SparklineDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit SparklineDelegate(int valuesRole, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_role;
};
