"""A signed-in HTTP client for Opora, as the scripts need one: cookies kept, redirects not
followed (a script checks where it is sent), the CSRF token read from each form."""
import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect)

    def call(self, path, form=None, file=None):
        """GET, or POST of a form; `file` = (name, bytes) makes it multipart. Returns (status, headers, text)."""
        headers, body = {}, None
        if file is not None:
            boundary = uuid.uuid4().hex
            parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in (form or {}).items()]
            name, content = file
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
                         + content + b"\r\n")
            parts.append(f"--{boundary}--\r\n".encode())
            body = b"".join(parts)
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        elif form is not None:
            body = urllib.parse.urlencode(form).encode()
        try:
            r = self.opener.open(urllib.request.Request(self.base + path, data=body, headers=headers))
            return r.status, r.headers, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read().decode()

    @staticmethod
    def csrf(html):
        return re.search(r'name="_csrf" value="([^"]+)"', html).group(1)

    def sign_in(self, login, password, new_password=None):
        """Signs in; when a one-time password leads to the change form, sets `new_password`.
        Returns True when the password was changed."""
        _, _, page = self.call("/login")
        status, _, _ = self.call("/login", {"_csrf": self.csrf(page), "login": login, "password": password, "next": "/"})
        if status != 303:
            raise RuntimeError(f"login of {login} answered {status}")
        _, headers, _ = self.call("/")
        if headers.get("Location") != "/profile/password":
            return False
        if new_password is None:
            raise RuntimeError(f"{login} must change the one-time password")
        _, _, page = self.call("/profile/password")
        status, _, _ = self.call("/profile/password", {"_csrf": self.csrf(page), "current": password, "new": new_password, "repeated": new_password})
        if status != 303:
            raise RuntimeError(f"password change of {login} answered {status}")
        return True
