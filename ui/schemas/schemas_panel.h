#pragma once
// The Schemas panel of one cluster: the Schema Registry's subjects (filterable), a subject's
// versions, the chosen version's schema text (Avro / JSON Schema indented, Protobuf as
// written), its type, id and references, and the compatibility level, the subject's own and
// the registry's global one. Requests are asynchronous; a registry that is down, refuses the
// credentials or is slow is said in the panel, never waited for.

#include "decoding/registry_browser.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QStringListModel;

namespace kafkascope {

class ClusterSession;

class SchemasPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SchemasPanel(ClusterSession *session, QWidget *parent = nullptr);
    // For tests and a custom endpoint: browse this registry instead of the session's.
    SchemasPanel(const RegistryEndpoint &endpoint, QWidget *parent = nullptr);

    Q_INVOKABLE void focusItem(const QString &subject);
    Q_INVOKABLE void refresh();
    void setRequestTimeoutMs(int ms) { m_browser->setTimeoutMs(ms); }

    QStringList visibleSubjects() const; // after the filter, in order
    QString currentSubject() const;
    QString statusText() const;
    QString schemaText() const;

private:
    void build();
    void showSubject(const QString &subject);
    void showVersion(const SubjectVersion &v);
    void showCompatibility(const QString &subject, const QString &level);
    void showError(const QString &what, const QString &error);
    void setStatus(const QString &text, bool error = false);
    QString registryBaseText() const;

    RegistryBrowser *m_browser;
    QStringListModel *m_subjects;
    QSortFilterProxyModel *m_filtered;
    QLineEdit *m_filter = nullptr;
    QListView *m_list = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_global = nullptr;
    QLabel *m_title = nullptr;
    QComboBox *m_versions = nullptr;
    QLabel *m_type = nullptr;
    QLabel *m_compatibility = nullptr;
    QLabel *m_references = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QString m_subject;       // the subject shown on the right
    QString m_globalLevel;   // the registry's level, for subjects without their own
    QString m_pendingFocus;  // focusItem() before the subjects arrived
};

} // namespace kafkascope
