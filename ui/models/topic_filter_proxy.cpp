#include "models/topic_filter_proxy.h"

#include "models/topic_table_model.h"

namespace kafkascope {

TopicFilterProxy::TopicFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(TopicTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

QString TopicFilterProxy::setNameFilter(const QString &text, bool regex)
{
    if (regex) {
        QRegularExpression re(text, QRegularExpression::CaseInsensitiveOption);
        if (!re.isValid())
            return tr("Invalid regular expression at position %1: %2").arg(re.patternErrorOffset()).arg(re.errorString());
        re.optimize();
        m_regex = re;
    }
    m_text = text;
    m_useRegex = regex;
    invalidate();
    return {};
}

void TopicFilterProxy::setHideInternal(bool hide)
{
    if (hide == m_hideInternal)
        return;
    m_hideInternal = hide;
    invalidate();
}

bool TopicFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    return static_cast<const TopicTableModel *>(sourceModel())->sortsBefore(left.row(), right.row(), left.column());
}

bool TopicFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *model = static_cast<const TopicTableModel *>(sourceModel());
    if (sourceParent.isValid())
        return false;
    const TopicInfo &t = model->topic(sourceRow);
    if (m_hideInternal && t.internal())
        return false;
    if (m_text.isEmpty())
        return true;
    if (m_useRegex)
        return m_regex.match(t.name).hasMatch();
    return t.name.contains(m_text, Qt::CaseInsensitive);
}

} // namespace kafkascope
