#pragma once
// The Schema Registry part of a connection profile: URL, basic auth or bearer token (the
// secrets go to the keychain with the profile's other secrets), a CA file for https, and a
// "Test" that lists the subjects the registry holds (asynchronous; the dialog never waits).

#include "profiles/connection_profile.h"

#include <QGroupBox>

class FilePathEdit;
class QLabel;
class QLineEdit;
class QPushButton;

namespace kafkascope {

class RegistryBrowser;

class RegistryFields : public QGroupBox
{
public:
    explicit RegistryFields(QWidget *parent = nullptr);
    RegistryEndpoint endpoint() const;
    void setEndpoint(const RegistryEndpoint &endpoint);
    void test();                    // the Test button
    QString testResult() const;     // what the last test found, or why it failed

private:
    QLineEdit *m_url;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QLineEdit *m_token;
    FilePathEdit *m_caFile;
    QPushButton *m_testButton;
    QLabel *m_testResult;
    RegistryBrowser *m_tester = nullptr; // the test in flight; replaced by the next one
};

} // namespace kafkascope
