"""The vector operations bound to the generated Python API.

Each reads its arguments from the case's ``input``, calls the binding and returns the result for ``to_json``. An
operation's name is the binding function's camelCase name, as in every language.
"""

import cesizen

OPS = {
    "sdkVersion": lambda _input: cesizen.sdk_version(),
}
