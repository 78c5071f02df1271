#pragma once
// Draws cells dimmed when the model says so through a boolean role (placeholders, nulls),
// so a model without QtGui can still ask for muted text.

#include <QStyledItemDelegate>

class DimItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    DimItemDelegate(int dimRole, QObject *parent = nullptr) : QStyledItemDelegate(parent), m_role(dimRole) {}

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    int m_role;
};
