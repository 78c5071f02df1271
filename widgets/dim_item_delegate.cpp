#include "dim_item_delegate.h"

void DimItemDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(m_role).toBool()) {
        const QColor dim = option->palette.color(QPalette::Disabled, QPalette::Text);
        option->palette.setColor(QPalette::Text, dim);
        option->palette.setColor(QPalette::HighlightedText, dim);
        option->font.setItalic(true);
    }
}
