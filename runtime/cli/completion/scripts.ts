// Shell completion scripts. Each asks `micro __complete <words so far> <current word>` for candidates, so that
// completion knows the builtin commands and flags as well as the services registered right now.
export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

const BASH = `# micro completion for bash. Load it with:  source <(micro completion bash)
_micro_complete() {
  local cur="\${COMP_WORDS[COMP_CWORD]}"
  local IFS=$'\\n'
  COMPREPLY=($(micro __complete "\${COMP_WORDS[@]:1:COMP_CWORD-1}" "$cur" 2>/dev/null))
}
complete -o default -F _micro_complete micro
`;

const ZSH = `#compdef micro
# micro completion for zsh. Load it with:  source <(micro completion zsh)
_micro_complete() {
  local -a candidates
  candidates=("\${(@f)$(micro __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  compadd -- "\${candidates[@]}"
}
if (( $+functions[compdef] )); then compdef _micro_complete micro; fi
`;

const FISH = `# micro completion for fish. Load it with:  micro completion fish | source
function __micro_complete
    set -l tokens (commandline -opc)
    set -e tokens[1]
    micro __complete $tokens (commandline -ct) 2>/dev/null
end
complete -c micro -f -a '(__micro_complete)'
`;

export function completionScript(shell: Shell): string {
  return { bash: BASH, zsh: ZSH, fish: FISH }[shell];
}
