#pragma once
// Every config of one topic (value, source, read-only/sensitive flags), with editing of
// overrides and resetting them to the inherited default. Edits go through
// TopicAdmin::alterTopicConfig, which keeps the topic's other overrides.

#include "topics/admin_result.h"

#include <QFutureWatcher>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace kafkascope {

class EditConfigDialog;
class TopicAdmin;
class TopicConfigModel;

class TopicConfigView : public QWidget
{
    Q_OBJECT
public:
    explicit TopicConfigView(TopicAdmin *admin, QWidget *parent = nullptr);

    void setTopic(const QString &topic); // loads its configs
    void reload();
    QString topic() const { return m_topic; }
    TopicConfigModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    bool isLoading() const { return m_loadWatcher.isRunning(); }
    QString statusText() const;
    // Selects the row of `key` (clearing filters that hide it); false when unknown.
    bool selectConfig(const QString &key);
    EditConfigDialog *editSelected(); // opens the editor (window-modal); null when not editable
    void resetSelected();

signals:
    void configChanged(const QString &topic, const QString &key);

private:
    const ConfigEntry *selectedEntry() const;
    void updateButtons();
    void showStatus(const QString &text, bool error);

    TopicAdmin *m_admin;
    QString m_topic;
    TopicConfigModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_filter;
    QCheckBox *m_overridesOnly;
    QPushButton *m_edit;
    QPushButton *m_reset;
    QPushButton *m_reload;
    QLabel *m_status;
    QFutureWatcher<ConfigsResult> m_loadWatcher;
    QFutureWatcher<AdminResult> m_resetWatcher;
    QString m_resetKey;
};

} // namespace kafkascope
