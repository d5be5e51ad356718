"""Commands registered by import path and imported only when they are run or listed.

Each command module imports its library at module level (spaCy and the rule pack for
``preannotate``, datasketch and scipy for ``gold``, the Label Studio SDK for ``studio``).
Importing them all up front made every command, and above all ``preannotate`` run once per
file by scripts, pay for every other command's libraries at start-up. The root group here
knows the command names and their import paths; a command module is imported the first time
click asks for that command: to run it, to show its help, or to list it in ``--help``.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from typing import Any, ClassVar

import typer
from typer.core import TyperGroup

# typer ships its own click-compatible classes and does not export their types.
Command = Any


def load_target(path: str) -> Any:
    """The object named by ``"package.module:attribute"``."""
    module_name, _, attribute = path.partition(":")
    return getattr(importlib.import_module(module_name), attribute)


def click_command(
    name: str,
    target: Any,
    *,
    rich_markup_mode: Any,
    suggest_commands: bool,
    pretty_exceptions_short: bool = True,
) -> Command:
    """The click command typer would build for ``target`` registered as ``name``.

    ``target`` is a command function (``app.command(name)(target)``) or a typer app
    (``app.add_typer(target, name=name)``); the same typer builders make it, so help, options
    and errors look exactly as with eager registration.
    """
    holder = typer.Typer()
    if isinstance(target, typer.Typer):
        holder.add_typer(target, name=name)
        return typer.main.get_group_from_info(
            holder.registered_groups[0],
            pretty_exceptions_short=pretty_exceptions_short,
            rich_markup_mode=rich_markup_mode,
            suggest_commands=suggest_commands,
        )
    holder.command(name)(target)
    return typer.main.get_command_from_info(
        holder.registered_commands[0],
        pretty_exceptions_short=pretty_exceptions_short,
        rich_markup_mode=rich_markup_mode,
    )


class LazyCommands(MutableMapping[str, Any]):
    """Command name -> click command, built from its import path on first access.

    Names (iteration, ``keys()``, ``in``) import nothing, so listing names and suggesting one
    for a typo stay cheap; getting a value imports that one command's module.
    """

    def __init__(
        self,
        paths: Mapping[str, str],
        build: Callable[[str, Any], Command],
        eager: Mapping[str, Command],
    ) -> None:
        self._paths = dict(paths)
        self._build = build
        self._loaded: dict[str, Command] = dict(eager)
        self._order = [*self._paths, *(name for name in eager if name not in self._paths)]

    def __getitem__(self, name: str) -> Command:
        command = self._loaded.get(name)
        if command is None:
            path = self._paths[name]  # KeyError for an unknown name, as with a dict
            command = self._loaded[name] = self._build(name, load_target(path))
        return command

    def __setitem__(self, name: str, command: Command) -> None:
        if name not in self:
            self._order.append(name)
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        if name not in self:
            raise KeyError(name)
        self._paths.pop(name, None)
        self._loaded.pop(name, None)
        self._order.remove(name)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._order))

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, name: object) -> bool:
        return name in self._paths or name in self._loaded


class LazyGroup(TyperGroup):
    """A typer group whose subcommands are imported on demand.

    Subclasses set ``lazy_commands`` to ``{name: "module:attribute"}`` in the order the
    commands are listed in ``--help``.
    """

    lazy_commands: ClassVar[dict[str, str]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = LazyCommands(self.lazy_commands, self.build_command, self.commands)

    def build_command(self, name: str, target: Any) -> Command:
        return click_command(
            name,
            target,
            rich_markup_mode=self.rich_markup_mode,
            suggest_commands=self.suggest_commands,
        )

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)

    def needed(self, args: Sequence[str]) -> list[str]:
        """The commands ``args`` will use: the one named first, or all for the help page."""
        words = [arg for arg in args if not arg.startswith("-")]
        if words:
            return [words[0]] if words[0] in self.commands else []
        help_names = self.context_settings.get("help_option_names", ["--help"])
        if not args or any(arg in help_names for arg in args):
            return list(self.commands)
        return []

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        # Import the commands now, near the bottom of the stack, not deep inside click's
        # parsing and help rendering: CPython 3.11 grows the frame stack in 16 KiB chunks and
        # frees a chunk as soon as it empties, and imports run that deep crossed a chunk
        # boundary thousands of times (mmap/munmap: +0.5 s system time on `eventgold --help`).
        # Only a head start: get_command still imports whatever this guess missed.
        for name in self.needed(sys.argv[1:] if args is None else args):
            self.commands[name]
        return super().main(
            args, prog_name, complete_var, standalone_mode, windows_expand_args, **extra
        )
