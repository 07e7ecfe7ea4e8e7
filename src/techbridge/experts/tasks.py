from django_tasks import task

from techbridge.experts.services import expert_embed


@task()
def embed_expert(*, pk: int) -> bool:
    return expert_embed(pk=pk)
