#include "connections/registry_fields.h"

#include "file_path_edit.h"

#include <QFormLayout>
#include <QLineEdit>

namespace kafkascope {

RegistryFields::RegistryFields(QWidget *parent)
    : QGroupBox(tr("Schema Registry (optional)"), parent), m_url(new QLineEdit), m_username(new QLineEdit),
      m_password(new QLineEdit), m_token(new QLineEdit),
      m_caFile(new FilePathEdit(tr("Registry CA certificate"), tr("PEM files (*.pem *.crt *.cer);;All files (*)")))
{
    setObjectName(QStringLiteral("registryFields"));
    m_url->setObjectName(QStringLiteral("registryUrlEdit"));
    m_url->setPlaceholderText(tr("http://host:8081 (Apicurio: …/apis/ccompat/v7)"));
    m_username->setObjectName(QStringLiteral("registryUsernameEdit"));
    m_password->setObjectName(QStringLiteral("registryPasswordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_token->setObjectName(QStringLiteral("registryTokenEdit"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("bearer token, instead of a user name and password"));
    m_caFile->lineEdit()->setObjectName(QStringLiteral("registryCaFileEdit"));
    auto *form = new QFormLayout(this);
    form->addRow(tr("U&RL"), m_url);
    form->addRow(tr("User name"), m_username);
    form->addRow(tr("Password"), m_password);
    form->addRow(tr("Token"), m_token);
    form->addRow(tr("CA file"), m_caFile);
}

RegistryEndpoint RegistryFields::endpoint() const
{
    RegistryEndpoint e;
    e.url = m_url->text().trimmed();
    e.username = m_username->text().trimmed();
    e.password = m_password->text();
    e.token = m_token->text().trimmed();
    e.caFile = m_caFile->path();
    return e;
}

void RegistryFields::setEndpoint(const RegistryEndpoint &e)
{
    m_url->setText(e.url);
    m_username->setText(e.username);
    m_password->setText(e.password);
    m_token->setText(e.token);
    m_caFile->setPath(e.caFile);
}

} // namespace kafkascope
