#pragma once
// Sorting and filtering over TopicTableModel: numeric sort keys, a substring or regular
// expression filter on the topic name, and hiding internal topics ("__consumer_offsets").
// A filter change rebuilds the rows in one layout change: Qt's row-by-row filter update costs
// seconds when a cleared filter brings back 100,000 topics into a sorted view.

#include <QRegularExpression>
#include <QSortFilterProxyModel>

namespace kafkascope {

class TopicFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit TopicFilterProxy(QObject *parent = nullptr);

    // Returns the regular expression's error (and keeps the old filter) when it is invalid.
    QString setNameFilter(const QString &text, bool regex);
    void setHideInternal(bool hide);
    bool hideInternal() const { return m_hideInternal; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_text;
    QRegularExpression m_regex;
    bool m_useRegex = false;
    bool m_hideInternal = true;
};

} // namespace kafkascope
