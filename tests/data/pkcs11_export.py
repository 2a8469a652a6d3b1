"""Try to get a private key out of a PKCS#11 token, as an attacker with the PIN would:
read its private exponent, and wrap it under a fresh AES key (RFC 5649 key wrap). Prints what
the token answered. An independent reading (Debian's python3-pykcs11), not certenroll's.

usage: pkcs11_export.py MODULE TOKEN_LABEL PIN KEY_LABEL
"""
import sys

import PyKCS11

module, token, pin, label = sys.argv[1:5]
lib = PyKCS11.PyKCS11Lib()
lib.load(module)
slot = next(
    s for s in lib.getSlotList(tokenPresent=True) if lib.getTokenInfo(s).label.strip() == token
)
session = lib.openSession(slot, PyKCS11.CKF_SERIAL_SESSION | PyKCS11.CKF_RW_SESSION)
session.login(pin)
key = session.findObjects([(PyKCS11.CKA_CLASS, PyKCS11.CKO_PRIVATE_KEY), (PyKCS11.CKA_LABEL, label)])[0]
try:
    value = session.getAttributeValue(key, [PyKCS11.CKA_PRIVATE_EXPONENT])[0]
    print("private exponent: " + ("readable" if value else "not given"))
except PyKCS11.PyKCS11Error as e:
    print("private exponent: %s" % e)
wrapper = session.generateKey(
    [
        (PyKCS11.CKA_CLASS, PyKCS11.CKO_SECRET_KEY),
        (PyKCS11.CKA_KEY_TYPE, PyKCS11.CKK_AES),
        (PyKCS11.CKA_VALUE_LEN, 32),
        (PyKCS11.CKA_WRAP, True),
        (PyKCS11.CKA_TOKEN, False),
    ],
    PyKCS11.Mechanism(PyKCS11.CKM_AES_KEY_GEN),
)
try:
    wrapped = session.wrapKey(wrapper, key, PyKCS11.Mechanism(PyKCS11.CKM_AES_KEY_WRAP_PAD))
    print("wrap: %d bytes" % len(wrapped))
except PyKCS11.PyKCS11Error as e:
    print("wrap: %s" % e)
