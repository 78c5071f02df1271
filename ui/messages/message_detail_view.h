#pragma once
// One record in full: where it is (partition, offset, timestamp and its type, size), its value
// and key as text, foldable JSON or hex, its headers, and copy actions.

#include "messages/kafka_message.h"

#include <QWidget>

class QLabel;
class QTabWidget;
class QTableWidget;
class PayloadView;

namespace kafkascope {

class MessageDetailView : public QWidget
{
    Q_OBJECT
public:
    explicit MessageDetailView(QWidget *parent = nullptr);
    void showMessage(const KafkaMessage &message, const QString &topic);
    void clear(const QString &why = {});
    const KafkaMessage &message() const { return m_message; }
    PayloadView *valueView() const { return m_value; }
    PayloadView *keyView() const { return m_key; }
    QTableWidget *headersTable() const { return m_headers; }
    QString summaryText() const;
    // A further view of the record (the decoded one) as a tab after Headers.
    void addView(QWidget *view, const QString &title);

private:
    QLabel *m_summary;
    QTabWidget *m_tabs;
    PayloadView *m_value;
    PayloadView *m_key;
    QTableWidget *m_headers;
    KafkaMessage m_message;
    QString m_topic;
};

} // namespace kafkascope
