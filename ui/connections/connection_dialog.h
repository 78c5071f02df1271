#pragma once
// Create or edit a connection profile: fields with inline validation, import of a Java
// client.properties, and "Test connection" that runs off the UI thread.

#include "profiles/connection_profile.h"
#include "cluster/connection_tester.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QHash>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class FilePathEdit;
class KeyValueTable;

namespace kafkascope {

class RegistryFields;

class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectionDialog(const ConnectionProfile &profile, QWidget *parent = nullptr);

    ConnectionProfile profile() const; // what the fields say now
    void setProfile(const ConnectionProfile &profile);
    bool importClientProperties(const QString &path); // false (and a message) on failure
    QString testResult() const;
    bool testRunning() const { return m_testWatcher.isRunning(); }

    void accept() override; // refuses, with messages by the fields, while anything is invalid

private:
    void buildForm();
    void updateSecurityFields();
    bool showIssues(); // true when valid
    void runTest();

    QString m_id;
    QLineEdit *m_name;
    QLineEdit *m_bootstrap;
    QComboBox *m_security;
    QComboBox *m_sasl;
    QLineEdit *m_username;
    QLineEdit *m_password;
    FilePathEdit *m_caFile;
    FilePathEdit *m_certFile;
    FilePathEdit *m_keyFile;
    QLineEdit *m_keyPassword;
    KeyValueTable *m_extra;
    RegistryFields *m_registry = nullptr;
    QPushButton *m_testButton;
    QLabel *m_testResult;
    QLabel *m_importNotes;
    QHash<QString, QLabel *> m_errorLabels; // by ConnectionProfile field name
    QList<QWidget *> m_saslRows, m_sslRows;
    QFutureWatcher<ConnectionTestResult> m_testWatcher;
};

} // namespace kafkascope
