from django_tasks import task

from techbridge.matching.services import listings_index


@task()
def index_listings(*, kind: str, pks: list[int]) -> int:
    return listings_index(kind=kind, pks=pks)


@task()
def refresh_label_vectors() -> int:
    from techbridge.matching.services import label_vectors_refresh

    return label_vectors_refresh()
