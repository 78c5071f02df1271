#pragma once
// The Schema Registry part of a connection profile: URL, basic auth or bearer token (the
// secrets go to the keychain with the profile's other secrets), and a CA file for https.

#include "profiles/connection_profile.h"

#include <QGroupBox>

class FilePathEdit;
class QLineEdit;

namespace kafkascope {

class RegistryFields : public QGroupBox
{
public:
    explicit RegistryFields(QWidget *parent = nullptr);
    RegistryEndpoint endpoint() const;
    void setEndpoint(const RegistryEndpoint &endpoint);

private:
    QLineEdit *m_url;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QLineEdit *m_token;
    FilePathEdit *m_caFile;
};

} // namespace kafkascope
